// Recycled memory for coroutine frames.
//
// A run creates and destroys frames of the same few sizes by the thousand (one or two per task). A
// free list per 16-byte size class hands a freed frame to the next coroutine of that size without a
// trip through malloc. Memory stays in the pool for reuse (bounded by the peak number of live
// frames); it is not returned to the system.
#pragma once

#include <cstddef>
#include <new>

namespace sp::detail {

class FramePool {
public:
    static constexpr std::size_t granule = 16;
    static constexpr std::size_t max_pooled = 1024;  // bigger frames go straight to operator new

    void* allocate(std::size_t size) {
        if (size > max_pooled) return ::operator new(size);
        const std::size_t c = size_class(size);
        if (Node* node = free_[c]) {
            free_[c] = node->next;
            return node;
        }
        return ::operator new((c + 1) * granule);
    }

    void deallocate(void* frame, std::size_t size) noexcept {
        if (size > max_pooled) {
            ::operator delete(frame);
            return;
        }
        const std::size_t c = size_class(size);
        Node* node = static_cast<Node*>(frame);
        node->next = free_[c];
        free_[c] = node;
    }

    /// One pool per thread, never destroyed: frames may be freed during static destruction.
    static FramePool& local() {
        thread_local FramePool* pool = new FramePool();
        return *pool;
    }

private:
    struct Node {
        Node* next;
    };
    static constexpr std::size_t size_class(std::size_t size) { return size == 0 ? 0 : (size - 1) / granule; }
    Node* free_[max_pooled / granule] = {};
};

}  // namespace sp::detail
