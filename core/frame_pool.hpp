// Recycled memory for coroutine frames and tasks.
//
// A run creates and destroys frames of the same few sizes by the thousand (one or two per task),
// and often holds all of them at once (100,000 tasks created together). A free list per size class
// (steps of operator new's alignment: 16 bytes natively, 8 in Wasm) hands a freed frame to the next coroutine of that size, and new memory is carved from
// 64 KiB blocks, so neither costs a trip through malloc or malloc's per-allocation header. Memory
// stays in the pool for reuse (bounded by the peak number of live frames) while any frame lives; when
// the last one is freed (a run ended or was disposed) the blocks go back to malloc, so a page or a
// Node process that ran a million tasks once does not keep their memory for good.
#pragma once

#include <cstddef>
#include <new>
#include <utility>

namespace sp::detail {

class FramePool {
public:
    // Frames and tasks need no more alignment than operator new gives.
    static constexpr std::size_t granule = __STDCPP_DEFAULT_NEW_ALIGNMENT__ > sizeof(void*)
                                               ? __STDCPP_DEFAULT_NEW_ALIGNMENT__
                                               : sizeof(void*);
    static constexpr std::size_t max_pooled = 1024;  // bigger frames go straight to operator new
    static constexpr std::size_t block_size = 64 * 1024;

    static void* allocate(std::size_t size) {
        if (size > max_pooled || gone_) return ::operator new(size);
        return local().take(size_class(size));
    }

    static void deallocate(void* frame, std::size_t size) noexcept {
        // After the thread's pool is destroyed (a frame owned by a static object, freed at exit),
        // only memory that did not come from a block can be returned.
        if (size > max_pooled) {
            ::operator delete(frame);
            return;
        }
        if (!gone_) local().give(frame, size_class(size));
    }

    FramePool() = default;
    FramePool(const FramePool&) = delete;
    FramePool& operator=(const FramePool&) = delete;
    ~FramePool() {
        // Blocks still holding a live frame (one owned by a static object, destroyed after the
        // thread's objects) stay allocated; they are freed only when nothing lives in them.
        if (live_ == 0) release();
        gone_ = true;
    }

private:
    struct Node {
        Node* next;
    };
    // A block starts with this header; frames are carved from the rest of it.
    struct alignas(granule) Block {
        Block* next;
    };

    static FramePool& local() {
        thread_local FramePool pool;
        return pool;
    }
    static constexpr std::size_t size_class(std::size_t size) { return size == 0 ? 0 : (size - 1) / granule; }

    void* take(std::size_t c) {
        live_ += 1;
        if (Node* node = free_[c]) {
            free_[c] = node->next;
            return node;
        }
        const std::size_t bytes = (c + 1) * granule;
        if (static_cast<std::size_t>(end_ - cursor_) < bytes) {
            // The rest of the current block (less than one frame) stays unused.
            auto* block = static_cast<Block*>(::operator new(block_size));
            block->next = blocks_;
            blocks_ = block;
            cursor_ = reinterpret_cast<char*>(block) + sizeof(Block);
            end_ = reinterpret_cast<char*>(block) + block_size;
        }
        return std::exchange(cursor_, cursor_ + bytes);
    }
    void give(void* frame, std::size_t c) noexcept {
        live_ -= 1;
        Node* node = static_cast<Node*>(frame);
        node->next = free_[c];
        free_[c] = node;
        if (live_ == 0) release();
    }
    // Every frame is back: the free lists only point into the blocks, so all of it can go.
    void release() noexcept {
        while (blocks_ != nullptr) ::operator delete(std::exchange(blocks_, blocks_->next));
        for (Node*& list : free_) list = nullptr;
        cursor_ = end_ = nullptr;
    }

    Node* free_[max_pooled / granule] = {};
    Block* blocks_ = nullptr;
    char* cursor_ = nullptr;
    char* end_ = nullptr;
    std::size_t live_ = 0;  // frames handed out and not given back
    // Trivially destructible, so it can still be read while the thread's objects are torn down.
    static inline thread_local bool gone_ = false;
};

}  // namespace sp::detail
