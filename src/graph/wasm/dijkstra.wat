;; Multi-source Dijkstra kernel of src/graph/dijkstra.ts, in WebAssembly text format.
;;
;; Why WebAssembly: the same loop in TypeScript ran 2.2-3.1x slower than the C++ reference
;; (native/dijkstra.cpp), because V8 re-checks every typed array's map, length and data pointer
;; at each access in the loop and compiles the heap's child choice to branches. Here the arrays
;; are plain offsets into one linear memory, and the child choice uses `select`, which V8
;; compiles to a conditional move, as g++ does for the C++ loop.
;;
;; The algorithm is exactly the TypeScript/C++ one: CSR arrays, an indexed 4-ary min-heap with
;; keys stored beside items, the same sift rules, per-node time (i32), path length (f64) and
;; nearest-source index (i32), and a reset that only clears the nodes the previous run touched.
;;
;; Memory layout: the driver (src/graph/wasm/kernel.ts) places every array in the imported
;; memory and passes the byte offsets to `layout` (workspace, once) and `setGraph` (the CSR view
;; to search, when it changes). Element types:
;;   firstOut i32[n+1], head i32[m], edgeTime i32[m], length f32[m]   (the graph, read only)
;;   time i32[n], dist f64[n], source i32[n], touched i32[n]          (labels and touched list)
;;   items i32[n], keys i32[n], pos i32[n]                            (the heap)
;; Every index is scaled to a byte offset with a shift (<< 2 for 4-byte, << 3 for 8-byte
;; elements). Offsets are unsigned, so memories up to 4 GiB work.
;;
;; After `assemble` (npm run wasm:assemble) the binary is embedded in
;; src/graph/wasm/dijkstra-wasm.ts; a test checks that it matches this file.
(module
  (import "env" "memory" (memory 0))

  ;; Time of an unreached node; heap position markers (src/graph/heap.ts).
  ;; UNREACHED = 0x7fffffff, NOT_IN_HEAP = -1, POPPED = -2.

  ;; Byte offsets of the arrays (see above).
  (global $firstOut (mut i32) (i32.const 0))
  (global $head (mut i32) (i32.const 0))
  (global $edgeTime (mut i32) (i32.const 0))
  (global $length (mut i32) (i32.const 0))
  (global $time (mut i32) (i32.const 0))
  (global $dist (mut i32) (i32.const 0))
  (global $source (mut i32) (i32.const 0))
  (global $touched (mut i32) (i32.const 0))
  (global $items (mut i32) (i32.const 0))
  (global $keys (mut i32) (i32.const 0))
  (global $pos (mut i32) (i32.const 0))

  ;; State the driver reads after a run.
  (global $heapSize (export "heapSize") (mut i32) (i32.const 0))
  (global $touchedCount (export "touchedCount") (mut i32) (i32.const 0))

  (func (export "layout")
    (param $time i32) (param $dist i32) (param $source i32) (param $touched i32)
    (param $items i32) (param $keys i32) (param $pos i32)
    (global.set $time (local.get $time))
    (global.set $dist (local.get $dist))
    (global.set $source (local.get $source))
    (global.set $touched (local.get $touched))
    (global.set $items (local.get $items))
    (global.set $keys (local.get $keys))
    (global.set $pos (local.get $pos)))

  (func (export "setGraph")
    (param $firstOut i32) (param $head i32) (param $edgeTime i32) (param $length i32)
    (global.set $firstOut (local.get $firstOut))
    (global.set $head (local.get $head))
    (global.set $edgeTime (local.get $edgeTime))
    (global.set $length (local.get $length)))

  ;; Clears the labels of the nodes the previous run touched and empties the heap.
  (func (export "reset")
    (local $i i32) (local $v i32) (local $at i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (global.get $touchedCount)))
        (local.set $v (i32.load (i32.add (global.get $touched) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $at (i32.shl (local.get $v) (i32.const 2)))
        (i32.store (i32.add (global.get $time) (local.get $at)) (i32.const 0x7fffffff))
        (i32.store (i32.add (global.get $source) (local.get $at)) (i32.const -1))
        (i32.store (i32.add (global.get $pos) (local.get $at)) (i32.const -1))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (global.set $touchedCount (i32.const 0))
    (global.set $heapSize (i32.const 0)))

  ;; Starts the search at node $v with time $t, distance $d and source index $s, unless the node
  ;; already has a time at least as good (several seeds may share a node).
  (func (export "seed") (param $v i32) (param $t i32) (param $d f64) (param $s i32)
    (local $tv i32) (local $i i32) (local $parent i32) (local $pk i32) (local $pi i32)
    (local.set $tv (i32.load (i32.add (global.get $time) (i32.shl (local.get $v) (i32.const 2)))))
    (if (i32.ge_s (local.get $t) (local.get $tv)) (then (return)))
    (if (i32.eq (local.get $tv) (i32.const 0x7fffffff))
      (then
        (i32.store (i32.add (global.get $touched) (i32.shl (global.get $touchedCount) (i32.const 2))) (local.get $v))
        (global.set $touchedCount (i32.add (global.get $touchedCount) (i32.const 1)))))
    (i32.store (i32.add (global.get $time) (i32.shl (local.get $v) (i32.const 2))) (local.get $t))
    (f64.store (i32.add (global.get $dist) (i32.shl (local.get $v) (i32.const 3))) (local.get $d))
    (i32.store (i32.add (global.get $source) (i32.shl (local.get $v) (i32.const 2))) (local.get $s))
    ;; Insert or decrease, as in the search loop below.
    (local.set $i (i32.load (i32.add (global.get $pos) (i32.shl (local.get $v) (i32.const 2)))))
    (if (i32.eq (local.get $i) (i32.const -1))
      (then
        (local.set $i (global.get $heapSize))
        (global.set $heapSize (i32.add (global.get $heapSize) (i32.const 1)))))
    (block $placed
      (loop $up
        (br_if $placed (i32.le_s (local.get $i) (i32.const 0)))
        (local.set $parent (i32.shr_s (i32.sub (local.get $i) (i32.const 1)) (i32.const 2)))
        (local.set $pk (i32.load (i32.add (global.get $keys) (i32.shl (local.get $parent) (i32.const 2)))))
        (br_if $placed (i32.le_s (local.get $pk) (local.get $t)))
        (local.set $pi (i32.load (i32.add (global.get $items) (i32.shl (local.get $parent) (i32.const 2)))))
        (i32.store (i32.add (global.get $items) (i32.shl (local.get $i) (i32.const 2))) (local.get $pi))
        (i32.store (i32.add (global.get $keys) (i32.shl (local.get $i) (i32.const 2))) (local.get $pk))
        (i32.store (i32.add (global.get $pos) (i32.shl (local.get $pi) (i32.const 2))) (local.get $i))
        (local.set $i (local.get $parent))
        (br $up)))
    (i32.store (i32.add (global.get $items) (i32.shl (local.get $i) (i32.const 2))) (local.get $v))
    (i32.store (i32.add (global.get $keys) (i32.shl (local.get $i) (i32.const 2))) (local.get $t))
    (i32.store (i32.add (global.get $pos) (i32.shl (local.get $v) (i32.const 2))) (local.get $i)))

  ;; The search loop: settles nodes in time order until the heap is empty or the next node is
  ;; further than $maxTime, and returns the number of nodes settled. The offsets are copied
  ;; into locals so the loop keeps them in registers. The heap's pop and push are written out
  ;; inline: on road graphs most nodes have two edges and per-node overhead dominates.
  (func (export "settle") (param $maxTime i32) (result i32)
    (local $fo i32) (local $hd i32) (local $et i32) (local $ln i32)
    (local $tm i32) (local $ds i32) (local $sr i32) (local $tc i32)
    (local $it i32) (local $ky i32) (local $ps i32)
    (local $size i32) (local $count i32) (local $reached i32)
    (local $tu i32) (local $u i32) (local $du f64) (local $su i32)
    (local $last i32) (local $item i32) (local $key i32)
    (local $i i32) (local $first i32) (local $best i32) (local $bk i32) (local $stop i32)
    (local $c i32) (local $ck i32) (local $less i32) (local $bi i32)
    (local $e i32) (local $end i32) (local $v i32) (local $t i32) (local $tv i32)
    (local $parent i32) (local $pk i32) (local $pi i32)
    (local.set $fo (global.get $firstOut))
    (local.set $hd (global.get $head))
    (local.set $et (global.get $edgeTime))
    (local.set $ln (global.get $length))
    (local.set $tm (global.get $time))
    (local.set $ds (global.get $dist))
    (local.set $sr (global.get $source))
    (local.set $tc (global.get $touched))
    (local.set $it (global.get $items))
    (local.set $ky (global.get $keys))
    (local.set $ps (global.get $pos))
    (local.set $size (global.get $heapSize))
    (local.set $count (global.get $touchedCount))
    (block $done
      (loop $nextNode
        (br_if $done (i32.le_s (local.get $size) (i32.const 0)))
        (local.set $tu (i32.load (local.get $ky)))
        (br_if $done (i32.gt_s (local.get $tu) (local.get $maxTime)))
        ;; Pop the minimum: move the last slot down from the root.
        (local.set $u (i32.load (local.get $it)))
        (i32.store (i32.add (local.get $ps) (i32.shl (local.get $u) (i32.const 2))) (i32.const -2))
        (local.set $size (i32.sub (local.get $size) (i32.const 1)))
        (local.set $last (local.get $size))
        (if (i32.gt_s (local.get $last) (i32.const 0))
          (then
            (local.set $item (i32.load (i32.add (local.get $it) (i32.shl (local.get $last) (i32.const 2)))))
            (local.set $key (i32.load (i32.add (local.get $ky) (i32.shl (local.get $last) (i32.const 2)))))
            (local.set $i (i32.const 0))
            (block $siftDone
              (loop $siftDown
                (local.set $first (i32.add (i32.shl (local.get $i) (i32.const 2)) (i32.const 1)))
                (br_if $siftDone (i32.ge_s (local.get $first) (local.get $last)))
                (local.set $best (local.get $first))
                (local.set $bk (i32.load (i32.add (local.get $ky) (i32.shl (local.get $first) (i32.const 2)))))
                (local.set $stop
                  (select (i32.add (local.get $first) (i32.const 4)) (local.get $last)
                    (i32.lt_s (i32.add (local.get $first) (i32.const 4)) (local.get $last))))
                (local.set $c (i32.add (local.get $first) (i32.const 1)))
                (block $childrenDone
                  (loop $child
                    (br_if $childrenDone (i32.ge_s (local.get $c) (local.get $stop)))
                    (local.set $ck (i32.load (i32.add (local.get $ky) (i32.shl (local.get $c) (i32.const 2)))))
                    ;; Branch-free minimum: which child wins is unpredictable, and a
                    ;; mispredicted branch here cost more than the whole rest of the pop.
                    (local.set $less (i32.lt_s (local.get $ck) (local.get $bk)))
                    (local.set $best (select (local.get $c) (local.get $best) (local.get $less)))
                    (local.set $bk (select (local.get $ck) (local.get $bk) (local.get $less)))
                    (local.set $c (i32.add (local.get $c) (i32.const 1)))
                    (br $child)))
                (br_if $siftDone (i32.ge_s (local.get $bk) (local.get $key)))
                (local.set $bi (i32.load (i32.add (local.get $it) (i32.shl (local.get $best) (i32.const 2)))))
                (i32.store (i32.add (local.get $it) (i32.shl (local.get $i) (i32.const 2))) (local.get $bi))
                (i32.store (i32.add (local.get $ky) (i32.shl (local.get $i) (i32.const 2))) (local.get $bk))
                (i32.store (i32.add (local.get $ps) (i32.shl (local.get $bi) (i32.const 2))) (local.get $i))
                (local.set $i (local.get $best))
                (br $siftDown)))
            (i32.store (i32.add (local.get $it) (i32.shl (local.get $i) (i32.const 2))) (local.get $item))
            (i32.store (i32.add (local.get $ky) (i32.shl (local.get $i) (i32.const 2))) (local.get $key))
            (i32.store (i32.add (local.get $ps) (i32.shl (local.get $item) (i32.const 2))) (local.get $i))))
        (local.set $reached (i32.add (local.get $reached) (i32.const 1)))
        ;; Relax the node's outgoing edges.
        (local.set $du (f64.load (i32.add (local.get $ds) (i32.shl (local.get $u) (i32.const 3)))))
        (local.set $su (i32.load (i32.add (local.get $sr) (i32.shl (local.get $u) (i32.const 2)))))
        (local.set $e (i32.load (i32.add (local.get $fo) (i32.shl (local.get $u) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $fo) (i32.shl (local.get $u) (i32.const 2)))))
        (block $edgesDone
          (loop $edge
            (br_if $edgesDone (i32.ge_s (local.get $e) (local.get $end)))
            (local.set $v (i32.load (i32.add (local.get $hd) (i32.shl (local.get $e) (i32.const 2)))))
            (local.set $t
              (i32.add (local.get $tu) (i32.load (i32.add (local.get $et) (i32.shl (local.get $e) (i32.const 2))))))
            (local.set $tv (i32.load (i32.add (local.get $tm) (i32.shl (local.get $v) (i32.const 2)))))
            (if (i32.lt_s (local.get $t) (local.get $tv))
              (then
                (if (i32.eq (local.get $tv) (i32.const 0x7fffffff))
                  (then
                    (i32.store (i32.add (local.get $tc) (i32.shl (local.get $count) (i32.const 2))) (local.get $v))
                    (local.set $count (i32.add (local.get $count) (i32.const 1)))))
                (i32.store (i32.add (local.get $tm) (i32.shl (local.get $v) (i32.const 2))) (local.get $t))
                (f64.store (i32.add (local.get $ds) (i32.shl (local.get $v) (i32.const 3)))
                  (f64.add (local.get $du)
                    (f64.promote_f32 (f32.load (i32.add (local.get $ln) (i32.shl (local.get $e) (i32.const 2)))))))
                (i32.store (i32.add (local.get $sr) (i32.shl (local.get $v) (i32.const 2))) (local.get $su))
                ;; Insert or decrease: sift up from the node's slot (or a new last slot).
                (local.set $i (i32.load (i32.add (local.get $ps) (i32.shl (local.get $v) (i32.const 2)))))
                (if (i32.eq (local.get $i) (i32.const -1))
                  (then
                    (local.set $i (local.get $size))
                    (local.set $size (i32.add (local.get $size) (i32.const 1)))))
                (block $placed
                  (loop $up
                    (br_if $placed (i32.le_s (local.get $i) (i32.const 0)))
                    (local.set $parent (i32.shr_s (i32.sub (local.get $i) (i32.const 1)) (i32.const 2)))
                    (local.set $pk (i32.load (i32.add (local.get $ky) (i32.shl (local.get $parent) (i32.const 2)))))
                    (br_if $placed (i32.le_s (local.get $pk) (local.get $t)))
                    (local.set $pi (i32.load (i32.add (local.get $it) (i32.shl (local.get $parent) (i32.const 2)))))
                    (i32.store (i32.add (local.get $it) (i32.shl (local.get $i) (i32.const 2))) (local.get $pi))
                    (i32.store (i32.add (local.get $ky) (i32.shl (local.get $i) (i32.const 2))) (local.get $pk))
                    (i32.store (i32.add (local.get $ps) (i32.shl (local.get $pi) (i32.const 2))) (local.get $i))
                    (local.set $i (local.get $parent))
                    (br $up)))
                (i32.store (i32.add (local.get $it) (i32.shl (local.get $i) (i32.const 2))) (local.get $v))
                (i32.store (i32.add (local.get $ky) (i32.shl (local.get $i) (i32.const 2))) (local.get $t))
                (i32.store (i32.add (local.get $ps) (i32.shl (local.get $v) (i32.const 2))) (local.get $i))))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $edge)))
        (br $nextNode)))
    (global.set $heapSize (local.get $size))
    (global.set $touchedCount (local.get $count))
    (local.get $reached))

  ;; Labels still queued after a bounded search are tentative, not answers: clear them so
  ;; UNREACHED means "not within maxTime" consistently.
  (func (export "clearTentative")
    (local $i i32) (local $v i32) (local $at i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (global.get $touchedCount)))
        (local.set $v (i32.load (i32.add (global.get $touched) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $at (i32.shl (local.get $v) (i32.const 2)))
        (if (i32.ge_s (i32.load (i32.add (global.get $pos) (local.get $at))) (i32.const 0))
          (then
            (i32.store (i32.add (global.get $time) (local.get $at)) (i32.const 0x7fffffff))
            (i32.store (i32.add (global.get $source) (local.get $at)) (i32.const -1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
)
