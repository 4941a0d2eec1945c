/* newsarchive in-browser search: no server, no framework, no WASM; works from file://.
 *
 * Reads the static index written by src/newsarchive/search/static_index.py: a small
 * versioned entry (entry.js / entry.json) and content-hashed shards loaded on demand
 * (each shard is a script calling window.__nsShard(hash, data); over http(s) it is
 * fetched and its JSON parsed instead). Query syntax, query plans and BM25F scores
 * mirror src/newsarchive/search/{plan,text}.py and Whoosh, so results match
 * `newsarchive search`.
 *
 * Layout: pure helpers (NS.normalize, tokenize, parseQuery, oneEdit, planQuery, bm25,
 * makeExcerpt), then the index loader and search engine (window.newsarchiveSearch), then
 * thin DOM code for #ns-search on search.html.
 */
(function () {
  "use strict";
  var FORMAT_VERSION = 1;
  var NS = {};

  /* ---------- pure helpers ---------- */

  NS.normalize = function (text) {
    return String(text).normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();
  };

  NS.tokenize = function (text) {
    return NS.normalize(text).match(/[\p{L}\p{N}]+/gu) || [];
  };

  NS.wordSpans = function (text) {
    var spans = [];
    var re = /[\p{L}\p{N}]+/gu;
    var m;
    while ((m = re.exec(text)) !== null) {
      spans.push([m.index, m.index + m[0].length, NS.normalize(m[0])]);
    }
    return spans;
  };

  function dateBounds(value) {
    value = value.trim();
    var parts = value.split(/\s+to\s+|\.\./);
    if (parts.length >= 2) {
      var low = parts[0].trim();
      var high = parts.slice(1).join("..").trim();
      return [low === "*" ? "" : low, high === "*" ? "" : high];
    }
    return [value, value];
  }

  NS.parseQuery = function (text) {
    var q = {
      words: [], phrases: [], excluded: [], excludedPhrases: [],
      tags: [], sites: [], langs: [], dateFrom: "", dateTo: "", prefix: false
    };
    var re = /(-)?(?:(tag|site|lang|date):)?(?:"([^"]*)"?|\[([^\]]*)\]?|([^\s"]+))/g;
    var m;
    var lastBare = false;
    while ((m = re.exec(text)) !== null) {
      if (m[0] === "") { re.lastIndex++; continue; }
      var neg = !!m[1], key = m[2];
      var value = m[3] !== undefined ? m[3] : (m[4] !== undefined ? m[4] : (m[5] || ""));
      lastBare = false;
      if (key === "date") {
        var b = dateBounds(value);
        q.dateFrom = b[0]; q.dateTo = b[1];
      } else if (key) {
        var v = key === "tag" ? NS.tokenize(value).join(" ") : NS.normalize(value);
        q[key === "tag" ? "tags" : key === "site" ? "sites" : "langs"].push(v);
      } else if (m[3] !== undefined) {
        var tokens = NS.tokenize(value);
        if (tokens.length > 1) (neg ? q.excludedPhrases : q.phrases).push(tokens);
        else if (tokens.length) (neg ? q.excluded : q.words).push(tokens[0]);
      } else {
        var toks = NS.tokenize(value);
        if (neg) q.excluded.push.apply(q.excluded, toks);
        else {
          q.words.push.apply(q.words, toks);
          lastBare = toks.length > 0;
        }
      }
    }
    q.prefix = lastBare;
    return q;
  };

  NS.oneEdit = function (a, b) {
    if (a === b || !a || !b || a[0] !== b[0]) return false;
    var la = a.length, lb = b.length, i;
    if (Math.abs(la - lb) > 1) return false;
    if (la === lb) {
      var diff = [];
      for (i = 0; i < la; i++) if (a[i] !== b[i]) diff.push(i);
      if (diff.length === 1) return true;
      return diff.length === 2 && diff[1] === diff[0] + 1 &&
        a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
    }
    var s = la < lb ? a : b, l = la < lb ? b : a;
    i = 0;
    while (i < s.length && s[i] === l[i]) i++;
    return s.slice(i) === l.slice(i + 1);
  };

  function fieldLang(field) {
    var i = field.indexOf("_");
    return i < 0 ? null : field.slice(i + 1);
  }

  function topWords(cands, limit) {
    cands.sort(function (x, y) { return y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0); });
    return cands.slice(0, limit).map(function (c) { return c[0]; });
  }

  /* lex: {stem(word, lang), known(word), completions(prefix), neighbours(word)};
   * cfg: {fields, weights, langs, prefix: [min, max, weight], typo: [min, max, weight]}. */
  NS.planQuery = function (parsed, lex, cfg) {
    function addTerms(word, weight, into) {
      cfg.fields.forEach(function (f) {
        var lang = fieldLang(f);
        var term = lang ? lex.stem(word, lang) : word;
        if (term === null || term === undefined) return;
        var key = f + ":" + term;
        into[key] = Math.max(into[key] || 0, weight * cfg.weights[f]);
      });
    }
    function isStop(word) {
      return cfg.langs.some(function (lang) { return lex.stem(word, lang) === null; });
    }
    function sameTerms(a, b) {
      var ka = Object.keys(a), kb = Object.keys(b);
      return ka.length === kb.length && ka.every(function (k) { return b[k] === a[k]; });
    }
    var words = [];
    parsed.words.concat([].concat.apply([], parsed.phrases)).forEach(function (w) {
      if (words.indexOf(w) < 0) words.push(w);
    });
    var clauses = [];
    words.forEach(function (word, index) {
      var terms = {};
      var known = lex.known(word);
      if (known) addTerms(word, 1.0, terms);
      var surfaces = [word];
      var isLast = parsed.prefix && index === parsed.words.length - 1 &&
        word === parsed.words[parsed.words.length - 1];
      var extra = [];
      if (isLast && word.length >= cfg.prefix[0]) {
        extra = topWords(lex.completions(word), cfg.prefix[1]);
        extra.forEach(function (o) { addTerms(o, cfg.prefix[2], terms); });
      }
      if (!extra.length && word.length >= cfg.typo[0] && !known) {
        extra = topWords(lex.neighbours(word), cfg.typo[1]);
        extra.forEach(function (o) { addTerms(o, cfg.typo[2], terms); });
      }
      surfaces = surfaces.concat(extra);
      if (Object.keys(terms).length && clauses.some(function (c) { return sameTerms(c.terms, terms); })) return;
      clauses.push({ word: word, terms: terms, required: !(known && isStop(word)), surfaces: surfaces });
    });
    var excluded = parsed.excluded.map(function (word) {
      var terms = {};
      if (lex.known(word)) addTerms(word, 1.0, terms);
      return { word: word, terms: terms, required: true, surfaces: [word] };
    });
    var stems = {};
    clauses.forEach(function (c) {
      Object.keys(c.terms).forEach(function (k) {
        var i = k.indexOf(":");
        if (fieldLang(k.slice(0, i))) stems[k.slice(i + 1)] = true;
      });
    });
    function offsets(p) { return p.map(function (w, i) { return [i, w]; }); }
    return {
      parsed: parsed, clauses: clauses, excluded: excluded,
      phrases: parsed.phrases.map(offsets), excludedPhrases: parsed.excludedPhrases.map(offsets),
      stems: Object.keys(stems).sort()
    };
  };

  /* Whoosh's BM25F (scoring.bm25) and idf (WeightingModel.idf). */
  NS.bm25 = function (idf, tf, fl, avgfl, B, K1) {
    return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)));
  };
  NS.idf = function (docCount, df) { return Math.log(docCount / (df + 1)) + 1; };

  NS.isHit = function (word, surfaces, stems) {
    if (surfaces.indexOf(word) >= 0) return true;
    return stems.some(function (s) { return s.length >= 3 && word.indexOf(s) === 0; });
  };

  /* Same window choice as text.make_excerpt; returns {text, marks: [[start, end]...]}. */
  NS.makeExcerpt = function (text, surfaces, stems, words) {
    var spans = NS.wordSpans(text);
    if (!spans.length) return { text: "", marks: [] };
    var hits = spans.map(function (s) { return NS.isHit(s[2], surfaces, stems); });
    var bestStart = 0, bestCount = -1;
    var last = Math.max(1, spans.length - words + 1);
    for (var start = 0; start < last; start++) {
      var seen = {}, count = 0;
      for (var i = start; i < Math.min(spans.length, start + words); i++) {
        if (hits[i] && !seen[spans[i][2]]) { seen[spans[i][2]] = true; count++; }
      }
      if (count > bestCount) { bestStart = start; bestCount = count; }
    }
    var win = spans.slice(bestStart, bestStart + words);
    var begin = win[0][0], end = win[win.length - 1][1];
    var prefix = bestStart > 0 ? "\u2026 " : "";
    var suffix = bestStart + words < spans.length ? " \u2026" : "";
    var offset = prefix.length - begin;
    var marks = [];
    win.forEach(function (s, j) { if (hits[bestStart + j]) marks.push([s[0] + offset, s[1] + offset]); });
    return { text: prefix + text.slice(begin, end) + suffix, marks: marks };
  };

  NS.escapeHtml = function (s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  };

  NS.highlight = function (excerpt) {
    var out = "", pos = 0;
    excerpt.marks.forEach(function (m) {
      out += NS.escapeHtml(excerpt.text.slice(pos, m[0])) + "<mark>" +
        NS.escapeHtml(excerpt.text.slice(m[0], m[1])) + "</mark>";
      pos = m[1];
    });
    return out + NS.escapeHtml(excerpt.text.slice(pos));
  };

  NS.matchesFilters = function (doc, q) {
    if (q.sites.length && q.sites.indexOf(doc.site) < 0) return false;
    if (q.langs.length && q.langs.indexOf(doc.lang) < 0) return false;
    if ((q.dateFrom || q.dateTo) && !doc.date) return false;
    if (q.dateFrom && doc.date.slice(0, q.dateFrom.length) < q.dateFrom) return false;
    return !(q.dateTo && doc.date.slice(0, q.dateTo.length) > q.dateTo);
  };

  /* ---------- index loading ---------- */

  function Index(base) {
    this.base = base.replace(/\/?$/, "/");
    this.useScripts = location.protocol === "file:";
    this.shards = {};
    this.entry = null;
  }

  var pending = {};
  window.__nsShard = function (hash, data) {
    if (pending[hash]) { pending[hash].resolve(data); delete pending[hash]; }
  };
  var entryWaiters = [];
  window.__nsEntry = function (data) {
    entryWaiters.splice(0).forEach(function (w) { w.resolve(data); });
  };

  function addScript(src, onError) {
    var el = document.createElement("script");
    el.src = src;
    el.async = true;
    el.onerror = onError;
    el.onload = function () { el.remove(); };
    document.head.appendChild(el);
  }

  Index.prototype.loadEntry = function () {
    var self = this;
    if (!self.entryPromise) {
      self.entryPromise = new Promise(function (resolve, reject) {
        if (self.useScripts) {
          entryWaiters.push({ resolve: resolve });
          addScript(self.base + "entry.js", function () { reject(new Error("search index not found")); });
        } else {
          fetch(self.base + "entry.json").then(function (r) {
            if (!r.ok) throw new Error("search index not found");
            return r.json();
          }).then(resolve, reject);
        }
      }).then(function (entry) {
        if (entry.version !== FORMAT_VERSION) {
          throw new Error("search index version " + entry.version + ", expected " + FORMAT_VERSION);
        }
        self.entry = entry;
        entry.fields = Object.keys(entry.weights).sort();
        return entry;
      });
    }
    return self.entryPromise;
  };

  Index.prototype.shard = function (hash) {
    var self = this;
    if (!self.shards[hash]) {
      self.shards[hash] = new Promise(function (resolve, reject) {
        var url = self.base + "s/" + hash + ".js";
        if (self.useScripts) {
          pending[hash] = { resolve: resolve };
          addScript(url, function () { reject(new Error("missing shard " + hash)); });
        } else {
          fetch(url).then(function (r) {
            if (!r.ok) throw new Error("missing shard " + hash);
            return r.text();
          }).then(function (t) {
            resolve(JSON.parse(t.slice(t.indexOf(",") + 1, t.lastIndexOf(")"))));
          }, reject);
        }
      });
    }
    return self.shards[hash];
  };

  function findChunk(manifest, key) {
    var lo = 0, hi = manifest.length - 1, ans = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (manifest[mid][0] <= key) { ans = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return ans;
  }

  /* Shards of a keyspace holding keys in [lo, hi) (hi null: just lo). */
  Index.prototype.lookup = function (space, lo, hi) {
    var manifest = this.entry[space], self = this;
    if (!manifest.length) return Promise.resolve({});
    var first = findChunk(manifest, lo), last = first;
    if (hi !== null) while (last + 1 < manifest.length && manifest[last + 1][0] < hi) last++;
    var loads = [];
    for (var i = first; i <= last; i++) loads.push(self.shard(manifest[i][1]));
    return Promise.all(loads).then(function (parts) {
      var out = {};
      parts.forEach(function (p) { Object.keys(p).forEach(function (k) { out[k] = p[k]; }); });
      return out;
    });
  };

  Index.prototype.lookupKeys = function (space, keys) {
    var self = this;
    return Promise.all(keys.map(function (k) { return self.lookup(space, k, null); }))
      .then(function (parts) {
        var out = {};
        parts.forEach(function (p) { keys.forEach(function (k) { if (k in p) out[k] = p[k]; }); });
        return out;
      });
  };

  Index.prototype.meta = function (sids) {
    var self = this, manifest = self.entry.meta, need = {};
    sids.forEach(function (sid) {
      var c = findChunk(manifest, sid);
      need[manifest[c][1]] = true;
    });
    return Promise.all(Object.keys(need).map(function (h) { return self.shard(h); }))
      .then(function (parts) {
        var out = {};
        parts.forEach(function (p) {
          p.d.forEach(function (r) {
            out[r[0]] = { sid: r[0], url: r[1], title: r[2], date: r[3], lang: r[4], fragment: r[5] };
          });
        });
        return out;
      });
  };

  /* Load the dictionary entries a plan may need, then build the plan. */
  Index.prototype.plan = function (parsed) {
    var self = this, entry = self.entry, dict = {};
    var words = parsed.words.concat([].concat.apply([], parsed.phrases), parsed.excluded);
    function merge(part) { Object.keys(part).forEach(function (k) { dict[k] = part[k]; }); }
    var last = parsed.prefix ? parsed.words[parsed.words.length - 1] : null;
    var loads = words.map(function (w) { return self.lookup("dict", w, null).then(merge); });
    if (last && last.length >= entry.prefix[0]) {
      loads.push(self.lookup("dict", last, last + "\uffff").then(merge));
    }
    return Promise.all(loads).then(function () {
      var typos = words.filter(function (w) {
        return w.length >= entry.typo[0] && !(w in dict);
      });
      return Promise.all(typos.map(function (w) {
        var next = String.fromCharCode(w.charCodeAt(0) + 1);
        return self.lookup("dict", w[0], next).then(merge);
      }));
    }).then(function () {
      var langIndex = {};
      entry.langs.forEach(function (l, i) { langIndex[l] = i + 1; });
      var lex = {
        stem: function (w, lang) { var e = dict[w]; return e ? e[langIndex[lang]] : w; },
        known: function (w) { return w in dict; },
        completions: function (p) {
          return Object.keys(dict).filter(function (w) { return w !== p && w.indexOf(p) === 0; })
            .map(function (w) { return [w, dict[w][0]]; });
        },
        neighbours: function (w) {
          return Object.keys(dict).filter(function (o) { return NS.oneEdit(w, o); })
            .map(function (o) { return [o, dict[o][0]]; });
        }
      };
      return { plan: NS.planQuery(parsed, lex, entry), lex: lex };
    });
  };

  function decodePostings(flat) {
    var out = [], sid = 0;
    for (var i = 0; i < flat.length; i += 3) { sid += flat[i]; out.push([sid, flat[i + 1], flat[i + 2]]); }
    return out;
  }
  function decodeSids(flat) {
    var out = [], sid = 0;
    flat.forEach(function (d) { sid += d; out.push(sid); });
    return out;
  }

  /* Sids where a phrase's words stand at their offsets in one field (cf. _phrase_docs). */
  Index.prototype.phraseDocs = function (phrase, lex) {
    var self = this, entry = self.entry, keysByField = {}, all = [];
    entry.fields.forEach(function (f) {
      var lang = fieldLang(f);
      var parts = phrase.map(function (p) { return [p[0], lang ? lex.stem(p[1], lang) : p[1]]; })
        .filter(function (p) { return p[1] !== null && p[1] !== undefined; });
      if (!parts.length) return;
      keysByField[f] = parts.map(function (p) { return [p[0], f + ":" + p[1]]; });
      keysByField[f].forEach(function (p) { all.push(p[1]); });
    });
    return Promise.all([self.lookupKeys("post", all), self.lookupKeys("pos", all)]).then(function (r) {
      var post = r[0], pos = r[1], found = {};
      Object.keys(keysByField).forEach(function (f) {
        var parts = keysByField[f];
        if (!parts.every(function (p) { return p[1] in post; })) return;
        var maps = parts.map(function (p) {
          var m = {};
          decodePostings(post[p[1]]).forEach(function (d, i) { m[d[0]] = pos[p[1]][i]; });
          return [p[0], m];
        });
        var firstOff = maps[0][0];
        Object.keys(maps[0][1]).forEach(function (sid) {
          if (!maps.every(function (mp) { return sid in mp[1]; })) return;
          var ok = maps[0][1][sid].some(function (p) {
            return maps.every(function (mp) { return mp[1][sid].indexOf(p - firstOff + mp[0]) >= 0; });
          });
          if (ok) found[sid] = true;
        });
      });
      return found;
    });
  };

  Index.prototype.search = function (query, options) {
    var self = this;
    options = options || {};
    var limit = options.limit === undefined ? 10 : options.limit;
    return self.loadEntry().then(function (entry) {
      var parsed = NS.parseQuery(query || "");
      ["tag", "site", "lang"].forEach(function (k) {
        var v = options[k];
        if (v) parsed[k + "s"].push(k === "tag" ? NS.tokenize(v).join(" ") : NS.normalize(v));
      });
      if (options.dateFrom) parsed.dateFrom = options.dateFrom;
      if (options.dateTo) parsed.dateTo = options.dateTo;
      return self.plan(parsed).then(function (r) { return self.run(r.plan, r.lex, limit, options); });
    });
  };

  Index.prototype.run = function (plan, lex, limit, options) {
    var self = this, entry = self.entry, parsed = plan.parsed;
    var hasFilters = parsed.tags.length || parsed.sites.length || parsed.langs.length ||
      parsed.dateFrom || parsed.dateTo;
    if (!plan.clauses.length && !hasFilters) return Promise.resolve([]);
    if (plan.clauses.some(function (c) { return c.required && !Object.keys(c.terms).length; })) {
      return Promise.resolve([]);
    }
    var keys = {}, total = {};
    plan.clauses.concat(plan.excluded).forEach(function (c) { Object.keys(c.terms).forEach(function (k) { keys[k] = true; }); });
    var facets = [["#tag:", parsed.tags, true], ["#site:", parsed.sites, false], ["#lang:", parsed.langs, false]];
    facets.forEach(function (f) { f[1].forEach(function (v) { keys[f[0] + v] = true; }); });
    if (!plan.clauses.length) entry.langCounts.forEach(function (l) { keys["#lang:" + l[0]] = true; });
    var postings;
    return self.lookupKeys("post", Object.keys(keys)).then(function (p) {
      postings = p;
      function clauseScores(c) {
        var scores = {};
        Object.keys(c.terms).sort().forEach(function (key) {
          if (!(key in postings)) return;
          var field = key.slice(0, key.indexOf(":"));
          var list = decodePostings(postings[key]);
          var idf = NS.idf(entry.docCount, list.length);
          list.forEach(function (d) {
            var s = NS.bm25(idf, d[1], d[2], entry.avgLength[field], entry.B, entry.K1) * c.terms[key];
            scores[d[0]] = (scores[d[0]] || 0) + s;
          });
        });
        return scores;
      }
      var required = plan.clauses.filter(function (c) { return c.required; }).map(clauseScores);
      var optional = plan.clauses.filter(function (c) { return !c.required && Object.keys(c.terms).length; }).map(clauseScores);
      if (!plan.clauses.length) {
        /* filters alone: every article they allow (all articles are in some #lang:) */
        entry.langCounts.forEach(function (l) {
          decodeSids(postings["#lang:" + l[0]] || []).forEach(function (s) { total[s] = 0; });
        });
      } else if (required.length) {
        Object.keys(required[0]).forEach(function (sid) {
          if (required.every(function (r) { return sid in r; })) {
            total[sid] = required.reduce(function (a, r) { return a + r[sid]; }, 0);
          }
        });
        optional.forEach(function (o) { Object.keys(total).forEach(function (sid) { if (sid in o) total[sid] += o[sid]; }); });
      } else {
        optional.forEach(function (o) { Object.keys(o).forEach(function (sid) { total[sid] = (total[sid] || 0) + o[sid]; }); });
      }
      plan.excluded.forEach(function (c) {
        Object.keys(clauseScores(c)).forEach(function (sid) { delete total[sid]; });
      });
      /* every tag:, any site:, any lang: (cf. snapshot.doc_matches_filters) */
      facets.forEach(function (f) {
        var groups = f[2] ? f[1].map(function (v) { return [v]; }) : (f[1].length ? [f[1]] : []);
        groups.forEach(function (values) {
          var allowed = {};
          values.forEach(function (v) {
            decodeSids(postings[f[0] + v] || []).forEach(function (s) { allowed[s] = true; });
          });
          Object.keys(total).forEach(function (sid) { if (!allowed[sid]) delete total[sid]; });
        });
      });
      var phraseChecks = plan.phrases.map(function (ph) {
        return self.phraseDocs(ph, lex).then(function (ok) {
          Object.keys(total).forEach(function (sid) { if (!ok[sid]) delete total[sid]; });
        });
      }).concat(plan.excludedPhrases.map(function (ph) {
        return self.phraseDocs(ph, lex).then(function (bad) {
          Object.keys(bad).forEach(function (sid) { delete total[sid]; });
        });
      }));
      return Promise.all(phraseChecks);
    }).then(function () {
      var rows = Object.keys(total).map(function (sid) { return { sid: Number(sid), score: total[sid] }; });
      rows.sort(byScore);
      /* Metadata of every match only when dates matter; else of the shown ones. */
      var needAll = parsed.dateFrom || parsed.dateTo || options.sort === "date" || !plan.clauses.length;
      var wanted = needAll ? rows : rows.slice(0, limit);
      return self.meta(wanted.map(function (r) { return r.sid; })).then(function (meta) {
        wanted.forEach(function (r) { r.meta = meta[r.sid]; });
        return self.finish(wanted, plan, limit, options);
      });
    });
  };

  /* Best first; ties by sid, as whoosh_index.execute_plan. */
  function byScore(a, b) {
    return Math.round(b.score * 1e9) - Math.round(a.score * 1e9) || a.sid - b.sid;
  }

  Index.prototype.finish = function (rows, plan, limit, options) {
    var self = this, parsed = plan.parsed;
    rows = rows.filter(function (r) {
      return NS.matchesFilters({ date: r.meta.date }, { sites: [], langs: [], dateFrom: parsed.dateFrom, dateTo: parsed.dateTo });
    });
    rows.sort(options.sort === "date" || !plan.clauses.length ? function (a, b) {
      return (a.meta.date < b.meta.date ? 1 : a.meta.date > b.meta.date ? -1 : 0) || byScore(a, b);
    } : byScore);
    var top = rows.slice(0, limit);
    var surfaces = [];
    plan.clauses.forEach(function (c) { surfaces = surfaces.concat(c.surfaces); });
    return Promise.all(top.map(function (r) { return self.shard(r.meta.fragment); })).then(function (frags) {
      return top.map(function (r, i) {
        var f = frags[i];
        var ex = NS.makeExcerpt(f.text || f.summary, surfaces, plan.stems, self.entry.excerptWords);
        return {
          url: self.root + r.meta.url, title: r.meta.title, date: r.meta.date,
          lang: r.meta.lang, site: f.site, tags: f.tags, score: r.score,
          excerpt: ex.text, excerptHtml: NS.highlight(ex)
        };
      });
    });
  };

  /* ---------- public API ---------- */

  var indexes = {};
  function config() {
    var el = document.getElementById("ns-search");
    var script = document.currentScript || document.querySelector("script[data-ns-index]");
    var base = (el && el.getAttribute("data-index")) || (script && script.getAttribute("data-ns-index")) || "search/";
    var root = (el && el.getAttribute("data-root")) || "";
    return { base: base, root: root };
  }
  var defaults = config();

  window.newsarchiveSearch = function (query, options) {
    options = options || {};
    var base = options.index || defaults.base;
    if (!indexes[base]) {
      indexes[base] = new Index(base);
      indexes[base].root = options.root !== undefined ? options.root : defaults.root;
    }
    return indexes[base].search(query, options);
  };
  window.newsarchiveSearch.helpers = NS;
  /* ---------- thin DOM code for search.html ---------- */

  var PARAMS = ["q", "tag", "site", "lang", "from", "to", "sort"];

  function initPage() {
    var root = document.getElementById("ns-search");
    if (!root) return;
    var form = root.querySelector("form");
    var input = root.querySelector("[name=q]");
    var status = root.querySelector("[data-ns-status]");
    var list = root.querySelector("[data-ns-results]");
    var fields = {};
    PARAMS.forEach(function (p) { fields[p] = root.querySelector("[name=" + p + "]"); });
    var params = new URLSearchParams(location.search);
    PARAMS.forEach(function (p) { if (fields[p] && params.has(p)) fields[p].value = params.get(p); });

    window.newsarchiveSearch("", {}).catch(function () {});  // warm the entry
    var idx = indexes[defaults.base];
    idx.loadEntry().then(function (entry) {
      fill(fields.site, entry.sites);
      fill(fields.lang, entry.langCounts);
      run();
    }, function (err) { status.textContent = err.message; });

    function fill(select, counts) {
      if (!select || select.tagName !== "SELECT") return;
      var want = select.value || params.get(select.name) || "";
      counts.forEach(function (c) {
        var o = document.createElement("option");
        o.value = c[0];
        o.textContent = c[0] + " (" + c[1] + ")";
        select.appendChild(o);
      });
      select.value = want;
    }

    var counter = 0, timer = null, shown = null;
    function run() {
      var q = input.value;
      var opts = {
        tag: fields.tag && fields.tag.value, site: fields.site && fields.site.value,
        lang: fields.lang && fields.lang.value, dateFrom: fields.from && fields.from.value,
        dateTo: fields.to && fields.to.value, sort: fields.sort && fields.sort.value
      };
      var shared = new URLSearchParams();
      PARAMS.forEach(function (p) { if (fields[p] && fields[p].value) shared.set(p, fields[p].value); });
      var qs = shared.toString();
      if (qs === shown) return;  // nothing changed: keep the list (and focus) as it is
      shown = qs;
      var mine = ++counter;
      try { history.replaceState(null, "", qs ? "?" + qs : location.pathname); } catch (e) { /* file:// */ }
      if (!q.trim() && !opts.tag && !opts.site) {
        list.innerHTML = "";
        status.textContent = "";
        return;
      }
      window.newsarchiveSearch(q, opts).then(function (results) {
        if (mine !== counter) return;  // a newer query is on its way
        render(results);
      }, function (err) { status.textContent = err.message; });
    }

    function render(results) {
      list.innerHTML = "";
      results.forEach(function (r) {
        var li = document.createElement("li");
        li.className = "ns-result";
        li.lang = r.lang;
        var h = document.createElement("h2");
        var a = document.createElement("a");
        a.href = r.url;
        a.textContent = r.title;
        h.appendChild(a);
        var meta = document.createElement("p");
        meta.className = "ns-meta";
        var t = document.createElement("time");
        t.dateTime = r.date;
        t.textContent = r.date;
        meta.appendChild(t);
        meta.appendChild(document.createTextNode(" \u00b7 " + r.site));
        var ex = document.createElement("p");
        ex.className = "ns-excerpt";
        ex.innerHTML = r.excerptHtml;  // escaped text plus <mark> only
        li.appendChild(h);
        li.appendChild(meta);
        li.appendChild(ex);
        list.appendChild(li);
      });
      status.textContent = results.length === 0 ? "No results" :
        results.length + (results.length === 1 ? " result" : " results");
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    root.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    // Selects only: a text box's "change" on blur would re-render under a click.
    root.addEventListener("change", function (e) { if (e.target.tagName === "SELECT") run(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initPage);
  else initPage();
})();
