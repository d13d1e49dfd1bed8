// Plain C++ reference for SOT's multi-source Dijkstra (src/graph/dijkstra.ts), used by the
// benchmark and a test to check both count and speed of the TypeScript implementation.
//
//   g++ -O2 -std=c++17 -o dijkstra native/dijkstra.cpp
//   ./dijkstra <graph.gr> <sources.txt> [repeat=5]
//
// Reads a DIMACS .gr file (1-based arcs `a u v w`) and a file of 1-based source node ids, runs a
// forward multi-source Dijkstra `repeat` times and prints
//
//   reached <nodes reached> sum <sum of their times> ms <fastest run in milliseconds>
//
// exactly like `sot graph paths`. The algorithm mirrors ours (src/graph/dijkstra.ts and its
// WebAssembly kernel src/graph/wasm/dijkstra.wat) on purpose: CSR arrays, an indexed 4-ary heap
// with keys stored beside items, the same sift rules, per-node time (int32), path length (double,
// zero here: DIMACS has no lengths) and nearest-source index, and a reset that only clears the
// nodes the previous run touched. Timings then compare languages, not algorithms. No
// dependencies beyond the standard library.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

static const int32_t UNREACHED = 0x7fffffff;
static const int32_t NOT_IN_HEAP = -1;
static const int32_t POPPED = -2;

struct Graph {
  int32_t n = 0;
  std::vector<int32_t> firstOut, head, time;
  std::vector<float> length;
};

static std::vector<char> readAll(const char* path) {
  FILE* f = std::fopen(path, "rb");
  if (!f) {
    std::fprintf(stderr, "cannot open %s\n", path);
    std::exit(2);
  }
  std::fseek(f, 0, SEEK_END);
  long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  std::vector<char> buf(size + 1);
  if (size > 0 && std::fread(buf.data(), 1, size, f) != static_cast<size_t>(size)) {
    std::fprintf(stderr, "cannot read %s\n", path);
    std::exit(2);
  }
  buf[size] = 0;
  std::fclose(f);
  return buf;
}

static long long parseInt(const char*& p) {
  while (*p == ' ' || *p == '\t') p++;
  bool neg = false;
  if (*p == '-') {
    neg = true;
    p++;
  }
  long long v = 0;
  while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
  return neg ? -v : v;
}

static void nextLine(const char*& p) {
  while (*p && *p != '\n') p++;
  if (*p) p++;
}

static Graph readGraph(const char* path) {
  std::vector<char> buf = readAll(path);
  const char* p = buf.data();
  Graph g;
  long long m = 0, count = 0;
  std::vector<int32_t> tails, heads, times;
  while (*p) {
    if (*p == 'p') {
      p++;
      while (*p == ' ') p++;
      p += 2;  // "sp"
      g.n = static_cast<int32_t>(parseInt(p));
      m = parseInt(p);
      tails.resize(m);
      heads.resize(m);
      times.resize(m);
    } else if (*p == 'a') {
      p++;
      tails[count] = static_cast<int32_t>(parseInt(p) - 1);
      heads[count] = static_cast<int32_t>(parseInt(p) - 1);
      times[count] = static_cast<int32_t>(parseInt(p));
      count++;
    }
    nextLine(p);
  }
  // Counting sort by tail, stable, exactly like csrOrder() in src/graph/csr.ts.
  g.firstOut.assign(g.n + 1, 0);
  for (long long i = 0; i < count; i++) g.firstOut[tails[i] + 1]++;
  for (int32_t v = 0; v < g.n; v++) g.firstOut[v + 1] += g.firstOut[v];
  std::vector<int32_t> next(g.firstOut.begin(), g.firstOut.end() - 1);
  g.head.resize(count);
  g.time.resize(count);
  g.length.assign(count, 0.0f);
  for (long long i = 0; i < count; i++) {
    int32_t at = next[tails[i]]++;
    g.head[at] = heads[i];
    g.time[at] = times[i];
  }
  return g;
}

struct Heap {
  std::vector<int32_t> items, keys, pos;
  int32_t size = 0;
  explicit Heap(int32_t n) : items(n), keys(n), pos(n, NOT_IN_HEAP) {}

  void siftUp(int32_t i, int32_t item, int32_t key) {
    while (i > 0) {
      int32_t parent = (i - 1) >> 2;
      int32_t pk = keys[parent];
      if (pk <= key) break;
      int32_t pi = items[parent];
      items[i] = pi;
      keys[i] = pk;
      pos[pi] = i;
      i = parent;
    }
    items[i] = item;
    keys[i] = key;
    pos[item] = i;
  }

  void push(int32_t item, int32_t key) {
    int32_t i = pos[item];
    siftUp(i == NOT_IN_HEAP ? size++ : i, item, key);
  }

  int32_t pop() {
    int32_t top = items[0];
    pos[top] = POPPED;
    int32_t last = --size;
    if (last > 0) siftDown(items[last], keys[last], last);
    return top;
  }

  void siftDown(int32_t item, int32_t key, int32_t n) {
    int32_t i = 0;
    for (;;) {
      int32_t first = 4 * i + 1;
      if (first >= n) break;
      int32_t best = first;
      int32_t bk = keys[first];
      int32_t end = first + 4 < n ? first + 4 : n;
      for (int32_t c = first + 1; c < end; c++) {
        int32_t ck = keys[c];
        if (ck < bk) {
          bk = ck;
          best = c;
        }
      }
      if (bk >= key) break;
      int32_t bi = items[best];
      items[i] = bi;
      keys[i] = bk;
      pos[bi] = i;
      i = best;
    }
    items[i] = item;
    keys[i] = key;
    pos[item] = i;
  }
};

struct Workspace {
  std::vector<int32_t> time, source, touched;
  std::vector<double> dist;
  int32_t touchedCount = 0;
  Heap heap;
  explicit Workspace(int32_t n) : time(n, UNREACHED), source(n, -1), touched(n), dist(n, 0.0), heap(n) {}

  void reset() {
    for (int32_t i = 0; i < touchedCount; i++) {
      int32_t v = touched[i];
      time[v] = UNREACHED;
      source[v] = -1;
      heap.pos[v] = NOT_IN_HEAP;
    }
    touchedCount = 0;
    heap.size = 0;
  }
};

static int32_t run(const Graph& g, const std::vector<int32_t>& seeds, Workspace& ws) {
  ws.reset();
  int32_t tc = 0;
  for (size_t i = 0; i < seeds.size(); i++) {
    int32_t v = seeds[i];
    if (0 >= ws.time[v]) continue;
    if (ws.time[v] == UNREACHED) ws.touched[tc++] = v;
    ws.time[v] = 0;
    ws.dist[v] = 0;
    ws.source[v] = static_cast<int32_t>(i);
    ws.heap.push(v, 0);
  }
  int32_t reached = 0;
  const int32_t* firstOut = g.firstOut.data();
  const int32_t* head = g.head.data();
  const int32_t* edgeTime = g.time.data();
  const float* length = g.length.data();
  int32_t* time = ws.time.data();
  double* dist = ws.dist.data();
  int32_t* source = ws.source.data();
  int32_t* touched = ws.touched.data();
  while (ws.heap.size > 0) {
    int32_t tu = ws.heap.keys[0];
    int32_t u = ws.heap.pop();
    reached++;
    double du = dist[u];
    int32_t su = source[u];
    int32_t end = firstOut[u + 1];
    for (int32_t e = firstOut[u]; e < end; e++) {
      int32_t v = head[e];
      int32_t t = tu + edgeTime[e];
      int32_t tv = time[v];
      if (t < tv) {
        if (tv == UNREACHED) touched[tc++] = v;
        time[v] = t;
        dist[v] = du + length[e];
        source[v] = su;
        ws.heap.push(v, t);
      }
    }
  }
  ws.touchedCount = tc;
  return reached;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <graph.gr> <sources.txt> [repeat=5]\n", argv[0]);
    return 2;
  }
  Graph g = readGraph(argv[1]);
  int repeat = argc > 3 ? std::atoi(argv[3]) : 5;
  if (repeat < 1) repeat = 1;
  std::vector<int32_t> seeds;
  {
    std::vector<char> buf = readAll(argv[2]);
    const char* p = buf.data();
    while (*p) {
      while (*p == ' ' || *p == '\t' || *p == '\r') p++;
      if (*p >= '0' && *p <= '9') {
        long long id = parseInt(p);
        if (id < 1 || id > g.n) {
          std::fprintf(stderr, "source %lld out of range 1..%d\n", id, g.n);
          return 2;
        }
        seeds.push_back(static_cast<int32_t>(id - 1));
      }
      nextLine(p);
    }
  }
  Workspace ws(g.n);
  double best = 1e300;
  int32_t reached = 0;
  for (int r = 0; r < repeat; r++) {
    auto t0 = std::chrono::steady_clock::now();
    reached = run(g, seeds, ws);
    auto t1 = std::chrono::steady_clock::now();
    double ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
    if (ms < best) best = ms;
  }
  long long sum = 0;
  for (int32_t i = 0; i < ws.touchedCount; i++) {
    int32_t t = ws.time[ws.touched[i]];
    if (t != UNREACHED) sum += t;
  }
  std::printf("reached %d sum %lld ms %.1f\n", reached, sum, best);
  return 0;
}
