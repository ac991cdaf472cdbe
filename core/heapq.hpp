// Python's heapq (Modules/_heapqmodule.c), step for step.
//
// asyncio keeps its timers in a heapq ordered by deadline only (TimerHandle.__lt__), and a binary
// heap is not stable: timers with equal deadlines come out in an order that depends on the exact
// sequence of pushes, pops and rebuilds. To produce CPython's event order, ties included, we run the
// same algorithm with the same comparison instead of a "better" stable queue.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace sp::heapq {

// Follow the path to the root, moving parents down until finding a place newitem fits.
template <class T, class Less>
void siftdown(std::vector<T>& heap, std::size_t startpos, std::size_t pos, Less less) {
    T newitem = std::move(heap[pos]);
    while (pos > startpos) {
        std::size_t parentpos = (pos - 1) >> 1;
        if (less(newitem, heap[parentpos])) {
            heap[pos] = std::move(heap[parentpos]);
            pos = parentpos;
            continue;
        }
        break;
    }
    heap[pos] = std::move(newitem);
}

// Bubble the smaller child up until hitting a leaf (on a tie the RIGHT child wins, as in CPython),
// then sift the item at pos down to its resting place.
template <class T, class Less>
void siftup(std::vector<T>& heap, std::size_t pos, Less less) {
    const std::size_t endpos = heap.size();
    const std::size_t startpos = pos;
    const std::size_t limit = endpos >> 1;
    while (pos < limit) {
        std::size_t childpos = 2 * pos + 1;
        if (childpos + 1 < endpos && !less(heap[childpos], heap[childpos + 1])) {
            childpos += 1;
        }
        std::swap(heap[pos], heap[childpos]);
        pos = childpos;
    }
    siftdown(heap, startpos, pos, less);
}

template <class T, class Less>
void heappush(std::vector<T>& heap, T item, Less less) {
    heap.push_back(std::move(item));
    siftdown(heap, 0, heap.size() - 1, less);
}

/// Precondition: !heap.empty().
template <class T, class Less>
T heappop(std::vector<T>& heap, Less less) {
    T last = std::move(heap.back());
    heap.pop_back();
    if (heap.empty()) return last;
    T top = std::move(heap[0]);
    heap[0] = std::move(last);
    siftup(heap, 0, less);
    return top;
}

// CPython switches to a cache-friendlier traversal above 2,500 items; its own comment proves that
// both traversals perform the same siftups on the same subtrees and build the same heap.
template <class T, class Less>
void heapify(std::vector<T>& heap, Less less) {
    for (std::size_t i = heap.size() / 2; i-- > 0;) siftup(heap, i, less);
}

}  // namespace sp::heapq
