;; Two-label multi-source Dijkstra kernel of src/graph/dijkstra2.ts (nearest and nearest
;; *distinct* second source per node), in WebAssembly text format. The rules, and why two labels
;; per node suffice, are in the TSDoc of dijkstra2.ts; this is the same algorithm, moved here for
;; the reasons given in dijkstra.wat (typed-array checks and branchy heap code in V8).
;;
;; Heap items are label slots: item 2v is node v's first label, 2v + 1 its second, with key
;; 2 * time + slot, so a node's first label always settles before its second.
;;
;; Memory layout: the driver (src/graph/wasm/kernel-memory.ts) places every array in the
;; imported memory and passes the byte offsets to `layout` and `setGraph`. Element types:
;;   firstOut i32[n+1], head i32[m], edgeTime i32[m], length f32[m]   (the graph, read only)
;;   time1 i32[n], time2 i32[n], source1 i32[n], source2 i32[n]       (the two labels)
;;   dist1 f64[n], dist2 f64[n]
;;   touched i32[n]                                                   (nodes given any label)
;;   items i32[2n], keys i32[2n], pos i32[2n]                         (the heap, per slot)
;; Constants: UNREACHED = 0x7fffffff, NOT_IN_HEAP = -1, POPPED = -2 (src/graph/heap.ts).
(module
  (import "env" "memory" (memory 0))

  (global $firstOut (mut i32) (i32.const 0))
  (global $head (mut i32) (i32.const 0))
  (global $edgeTime (mut i32) (i32.const 0))
  (global $length (mut i32) (i32.const 0))
  (global $time1 (mut i32) (i32.const 0))
  (global $time2 (mut i32) (i32.const 0))
  (global $source1 (mut i32) (i32.const 0))
  (global $source2 (mut i32) (i32.const 0))
  (global $dist1 (mut i32) (i32.const 0))
  (global $dist2 (mut i32) (i32.const 0))
  (global $touched (mut i32) (i32.const 0))
  (global $items (mut i32) (i32.const 0))
  (global $keys (mut i32) (i32.const 0))
  (global $pos (mut i32) (i32.const 0))

  (global $heapSize (export "heapSize") (mut i32) (i32.const 0))
  (global $touchedCount (export "touchedCount") (mut i32) (i32.const 0))

  (func (export "layout")
    (param $time1 i32) (param $time2 i32) (param $source1 i32) (param $source2 i32)
    (param $dist1 i32) (param $dist2 i32) (param $touched i32)
    (param $items i32) (param $keys i32) (param $pos i32)
    (global.set $time1 (local.get $time1))
    (global.set $time2 (local.get $time2))
    (global.set $source1 (local.get $source1))
    (global.set $source2 (local.get $source2))
    (global.set $dist1 (local.get $dist1))
    (global.set $dist2 (local.get $dist2))
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

  ;; Clears both labels of every node the previous run touched and empties the heap.
  (func (export "reset")
    (local $i i32) (local $v i32) (local $at i32) (local $slot i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (global.get $touchedCount)))
        (local.set $v (i32.load (i32.add (global.get $touched) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $at (i32.shl (local.get $v) (i32.const 2)))
        (i32.store (i32.add (global.get $time1) (local.get $at)) (i32.const 0x7fffffff))
        (i32.store (i32.add (global.get $time2) (local.get $at)) (i32.const 0x7fffffff))
        (i32.store (i32.add (global.get $source1) (local.get $at)) (i32.const -1))
        (i32.store (i32.add (global.get $source2) (local.get $at)) (i32.const -1))
        (local.set $slot (i32.add (global.get $pos) (i32.shl (local.get $v) (i32.const 3))))
        (i32.store (local.get $slot) (i32.const -1))
        (i32.store offset=4 (local.get $slot) (i32.const -1))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (global.set $touchedCount (i32.const 0))
    (global.set $heapSize (i32.const 0)))

  ;; Inserts $item with $key, or lowers its key when it is queued (the caller has checked that
  ;; the key is lower).
  (func $push (param $item i32) (param $key i32)
    (local $i i32) (local $parent i32) (local $pk i32) (local $pi i32)
    (local $it i32) (local $ky i32) (local $ps i32)
    (local.set $it (global.get $items))
    (local.set $ky (global.get $keys))
    (local.set $ps (global.get $pos))
    (local.set $i (i32.load (i32.add (local.get $ps) (i32.shl (local.get $item) (i32.const 2)))))
    (if (i32.eq (local.get $i) (i32.const -1))
      (then
        (local.set $i (global.get $heapSize))
        (global.set $heapSize (i32.add (local.get $i) (i32.const 1)))))
    (block $placed
      (loop $up
        (br_if $placed (i32.le_s (local.get $i) (i32.const 0)))
        (local.set $parent (i32.shr_s (i32.sub (local.get $i) (i32.const 1)) (i32.const 2)))
        (local.set $pk (i32.load (i32.add (local.get $ky) (i32.shl (local.get $parent) (i32.const 2)))))
        (br_if $placed (i32.le_s (local.get $pk) (local.get $key)))
        (local.set $pi (i32.load (i32.add (local.get $it) (i32.shl (local.get $parent) (i32.const 2)))))
        (i32.store (i32.add (local.get $it) (i32.shl (local.get $i) (i32.const 2))) (local.get $pi))
        (i32.store (i32.add (local.get $ky) (i32.shl (local.get $i) (i32.const 2))) (local.get $pk))
        (i32.store (i32.add (local.get $ps) (i32.shl (local.get $pi) (i32.const 2))) (local.get $i))
        (local.set $i (local.get $parent))
        (br $up)))
    (i32.store (i32.add (local.get $it) (i32.shl (local.get $i) (i32.const 2))) (local.get $item))
    (i32.store (i32.add (local.get $ky) (i32.shl (local.get $i) (i32.const 2))) (local.get $key))
    (i32.store (i32.add (local.get $ps) (i32.shl (local.get $item) (i32.const 2))) (local.get $i)))

  ;; Removes the minimum and returns its item: the last slot moves down from the root, picking
  ;; the smallest of up to four children branch-free (see dijkstra.wat).
  (func $pop (result i32)
    (local $top i32) (local $last i32) (local $item i32) (local $key i32)
    (local $i i32) (local $first i32) (local $best i32) (local $bk i32) (local $stop i32)
    (local $c i32) (local $ck i32) (local $less i32) (local $bi i32)
    (local $it i32) (local $ky i32) (local $ps i32)
    (local.set $it (global.get $items))
    (local.set $ky (global.get $keys))
    (local.set $ps (global.get $pos))
    (local.set $top (i32.load (local.get $it)))
    (i32.store (i32.add (local.get $ps) (i32.shl (local.get $top) (i32.const 2))) (i32.const -2))
    (local.set $last (i32.sub (global.get $heapSize) (i32.const 1)))
    (global.set $heapSize (local.get $last))
    (if (i32.gt_s (local.get $last) (i32.const 0))
      (then
        (local.set $item (i32.load (i32.add (local.get $it) (i32.shl (local.get $last) (i32.const 2)))))
        (local.set $key (i32.load (i32.add (local.get $ky) (i32.shl (local.get $last) (i32.const 2)))))
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
    (local.get $top))

  ;; A seed is an offer; same signature as dijkstra.wat's `seed`.
  (func (export "seed") (param $v i32) (param $t i32) (param $d f64) (param $s i32)
    (call $offer (local.get $v) (local.get $t) (local.get $s) (local.get $d)))

  ;; Offers label (time $t, source $s, distance $d) to node $w; the rules are in dijkstra2.ts.
  (func $offer (param $w i32) (param $t i32) (param $s i32) (param $d f64)
    (local $at i32) (local $i1 i32) (local $t1 i32) (local $s1 i32)
    (local.set $at (i32.shl (local.get $w) (i32.const 2)))
    (local.set $i1 (i32.shl (local.get $w) (i32.const 1)))
    ;; First label settled: only the second can still change.
    (if (i32.eq (i32.load (i32.add (global.get $pos) (i32.shl (local.get $w) (i32.const 3)))) (i32.const -2))
      (then
        (if (i32.eq (local.get $s) (i32.load (i32.add (global.get $source1) (local.get $at)))) (then (return)))
        (if (i32.eq (i32.load offset=4 (i32.add (global.get $pos) (i32.shl (local.get $w) (i32.const 3)))) (i32.const -2))
          (then (return)))
        (if (i32.ge_s (local.get $t) (i32.load (i32.add (global.get $time2) (local.get $at)))) (then (return)))
        (call $setSecond (local.get $at) (local.get $t) (local.get $s) (local.get $d))
        (call $push (i32.add (local.get $i1) (i32.const 1))
          (i32.add (i32.shl (local.get $t) (i32.const 1)) (i32.const 1)))
        (return)))
    (local.set $t1 (i32.load (i32.add (global.get $time1) (local.get $at))))
    (local.set $s1 (i32.load (i32.add (global.get $source1) (local.get $at))))
    (if (i32.and
          (i32.eq (local.get $t1) (i32.const 0x7fffffff))
          (i32.eq (i32.load (i32.add (global.get $time2) (local.get $at))) (i32.const 0x7fffffff)))
      (then
        (i32.store (i32.add (global.get $touched) (i32.shl (global.get $touchedCount) (i32.const 2))) (local.get $w))
        (global.set $touchedCount (i32.add (global.get $touchedCount) (i32.const 1)))))
    (if (i32.eq (local.get $s) (local.get $s1))
      (then
        ;; Same source as the first label: may improve it.
        (if (i32.ge_s (local.get $t) (local.get $t1)) (then (return)))
        (i32.store (i32.add (global.get $time1) (local.get $at)) (local.get $t))
        (f64.store (i32.add (global.get $dist1) (i32.shl (local.get $w) (i32.const 3))) (local.get $d))
        (call $push (local.get $i1) (i32.shl (local.get $t) (i32.const 1)))
        (return)))
    (if (i32.lt_s (local.get $t) (local.get $t1))
      (then
        ;; A different, better source: the first label moves down to the second slot.
        (if (i32.ne (local.get $t1) (i32.const 0x7fffffff))
          (then
            (call $setSecond (local.get $at) (local.get $t1) (local.get $s1)
              (f64.load (i32.add (global.get $dist1) (i32.shl (local.get $w) (i32.const 3)))))
            (call $push (i32.add (local.get $i1) (i32.const 1))
              (i32.add (i32.shl (local.get $t1) (i32.const 1)) (i32.const 1)))))
        (i32.store (i32.add (global.get $time1) (local.get $at)) (local.get $t))
        (i32.store (i32.add (global.get $source1) (local.get $at)) (local.get $s))
        (f64.store (i32.add (global.get $dist1) (i32.shl (local.get $w) (i32.const 3))) (local.get $d))
        (call $push (local.get $i1) (i32.shl (local.get $t) (i32.const 1)))
        (return)))
    ;; A different source, not better than the first: competes for the second slot.
    (if (i32.lt_s (local.get $t) (i32.load (i32.add (global.get $time2) (local.get $at))))
      (then
        (call $setSecond (local.get $at) (local.get $t) (local.get $s) (local.get $d))
        (call $push (i32.add (local.get $i1) (i32.const 1))
          (i32.add (i32.shl (local.get $t) (i32.const 1)) (i32.const 1))))))

  ;; Writes the second label of the node at 4-byte offset $at.
  (func $setSecond (param $at i32) (param $t i32) (param $s i32) (param $d f64)
    (i32.store (i32.add (global.get $time2) (local.get $at)) (local.get $t))
    (i32.store (i32.add (global.get $source2) (local.get $at)) (local.get $s))
    (f64.store (i32.add (global.get $dist2) (i32.shl (local.get $at) (i32.const 1))) (local.get $d)))

  ;; Settles labels in key order until the heap is empty or the next label is further than
  ;; $maxTime; returns the number of nodes whose first label settled.
  (func (export "settle") (param $maxTime i32) (result i32)
    (local $reached i32) (local $t i32) (local $item i32) (local $u i32) (local $s i32) (local $d f64)
    (local $e i32) (local $end i32)
    (local $fo i32) (local $hd i32) (local $et i32) (local $ln i32)
    (local.set $fo (global.get $firstOut))
    (local.set $hd (global.get $head))
    (local.set $et (global.get $edgeTime))
    (local.set $ln (global.get $length))
    (block $done
      (loop $nextLabel
        (br_if $done (i32.le_s (global.get $heapSize) (i32.const 0)))
        (local.set $t (i32.shr_s (i32.load (global.get $keys)) (i32.const 1)))
        (br_if $done (i32.gt_s (local.get $t) (local.get $maxTime)))
        (local.set $item (call $pop))
        (local.set $u (i32.shr_s (local.get $item) (i32.const 1)))
        (if (i32.eqz (i32.and (local.get $item) (i32.const 1)))
          (then
            (local.set $reached (i32.add (local.get $reached) (i32.const 1)))
            (local.set $s (i32.load (i32.add (global.get $source1) (i32.shl (local.get $u) (i32.const 2)))))
            (local.set $d (f64.load (i32.add (global.get $dist1) (i32.shl (local.get $u) (i32.const 3))))))
          (else
            (local.set $s (i32.load (i32.add (global.get $source2) (i32.shl (local.get $u) (i32.const 2)))))
            (local.set $d (f64.load (i32.add (global.get $dist2) (i32.shl (local.get $u) (i32.const 3)))))))
        (local.set $e (i32.load (i32.add (local.get $fo) (i32.shl (local.get $u) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $fo) (i32.shl (local.get $u) (i32.const 2)))))
        (block $edgesDone
          (loop $edge
            (br_if $edgesDone (i32.ge_s (local.get $e) (local.get $end)))
            (call $offer
              (i32.load (i32.add (local.get $hd) (i32.shl (local.get $e) (i32.const 2))))
              (i32.add (local.get $t) (i32.load (i32.add (local.get $et) (i32.shl (local.get $e) (i32.const 2)))))
              (local.get $s)
              (f64.add (local.get $d)
                (f64.promote_f32 (f32.load (i32.add (local.get $ln) (i32.shl (local.get $e) (i32.const 2)))))))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $edge)))
        (br $nextLabel)))
    (local.get $reached))

  ;; Labels still queued after a bounded search are tentative, not answers.
  (func (export "clearTentative")
    (local $i i32) (local $v i32) (local $at i32) (local $p1 i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (global.get $touchedCount)))
        (local.set $v (i32.load (i32.add (global.get $touched) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $at (i32.shl (local.get $v) (i32.const 2)))
        (local.set $p1 (i32.load (i32.add (global.get $pos) (i32.shl (local.get $v) (i32.const 3)))))
        (if (i32.ge_s (local.get $p1) (i32.const 0))
          (then
            (i32.store (i32.add (global.get $time1) (local.get $at)) (i32.const 0x7fffffff))
            (i32.store (i32.add (global.get $source1) (local.get $at)) (i32.const -1))))
        (if (i32.ne (i32.load offset=4 (i32.add (global.get $pos) (i32.shl (local.get $v) (i32.const 3)))) (i32.const -2))
          (then
            (i32.store (i32.add (global.get $time2) (local.get $at)) (i32.const 0x7fffffff))
            (i32.store (i32.add (global.get $source2) (local.get $at)) (i32.const -1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
)
