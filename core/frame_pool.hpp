// Recycled memory for coroutine frames.
//
// A run creates and destroys frames of the same few sizes by the thousand (one or two per task). A
// free list per 16-byte size class hands a freed frame to the next coroutine of that size without a
// trip through malloc. Memory stays in the pool for reuse (bounded by the peak number of live
// frames) until the thread ends.
#pragma once

#include <cstddef>
#include <new>
#include <utility>

namespace sp::detail {

class FramePool {
public:
    static constexpr std::size_t granule = 16;
    static constexpr std::size_t max_pooled = 1024;  // bigger frames go straight to operator new

    static void* allocate(std::size_t size) {
        if (size > max_pooled || gone_) return ::operator new(size);
        return local().take(size_class(size));
    }

    static void deallocate(void* frame, std::size_t size) noexcept {
        // After the thread's pool is destroyed (a frame owned by a static object, freed at exit),
        // memory goes straight back to the system.
        if (size > max_pooled || gone_) {
            ::operator delete(frame);
            return;
        }
        local().give(frame, size_class(size));
    }

    FramePool() = default;
    FramePool(const FramePool&) = delete;
    FramePool& operator=(const FramePool&) = delete;
    ~FramePool() {
        for (Node*& head : free_) {
            while (head != nullptr) ::operator delete(std::exchange(head, head->next));
        }
        gone_ = true;
    }

private:
    struct Node {
        Node* next;
    };

    static FramePool& local() {
        thread_local FramePool pool;
        return pool;
    }
    static constexpr std::size_t size_class(std::size_t size) { return size == 0 ? 0 : (size - 1) / granule; }

    void* take(std::size_t c) {
        if (Node* node = free_[c]) {
            free_[c] = node->next;
            return node;
        }
        return ::operator new((c + 1) * granule);
    }
    void give(void* frame, std::size_t c) noexcept {
        Node* node = static_cast<Node*>(frame);
        node->next = free_[c];
        free_[c] = node;
    }

    Node* free_[max_pooled / granule] = {};
    // Trivially destructible, so it can still be read while the thread's objects are torn down.
    static inline thread_local bool gone_ = false;
};

}  // namespace sp::detail
