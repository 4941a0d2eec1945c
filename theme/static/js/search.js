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
  var FORMAT_VERSION = 3;
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

  /* Interface languages and dates, as src/newsarchive/site/ui.py (ui_lang, display_date). */
  var UI_LANGS = ["en", "it"];

  NS.uiLang = function (lang, fallback) {
    var short = String(lang || "").trim().toLowerCase().replace(/_/g, "-").split("-")[0];
    if (UI_LANGS.indexOf(short) >= 0) return short;
    return UI_LANGS.indexOf(fallback) >= 0 ? fallback : "en";
  };

  /* "2025-02-04" -> "4 February 2025" / "4 febbraio 2025", "2021-02" -> "February 2021",
   * "2021" -> "2021": babel's "d MMMM y", "LLLL y" and "y", with month names from Intl.
   * Anything else, or no Intl, stays as given. */
  NS.displayDate = function (iso, lang) {
    var text = String(iso || "");
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
    if (!m) return text;
    var year = Number(m[1]);
    if (!m[2]) return String(year);
    var date = new Date(0);
    date.setUTCFullYear(year, Number(m[2]) - 1, m[3] ? Number(m[3]) : 1);
    var locale = NS.uiLang(lang);
    try {
      if (!m[3]) {  /* stand-alone month name, as in a heading */
        var alone = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });
        return alone.format(date) + " " + year;
      }
      var full = new Intl.DateTimeFormat(locale, {
        day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
      });
      var month = full.formatToParts(date).filter(function (p) { return p.type === "month"; });
      return month.length ? date.getUTCDate() + " " + month[0].value + " " + year : text;
    } catch (e) {
      return text;
    }
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
    this.files = {};
    this.entry = null;
  }

  var pending = {};
  window.__nsShard = function (name, data) {
    if (pending[name]) { pending[name].resolve(data); delete pending[name]; }
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

  /* One index file (path relative to the index folder) whose script calls __nsShard(name). */
  Index.prototype.file = function (path, name) {
    var self = this;
    if (!self.files[path]) {
      self.files[path] = new Promise(function (resolve, reject) {
        var url = self.base + path;
        if (self.useScripts) {
          pending[name] = { resolve: resolve };
          addScript(url, function () { reject(new Error("missing index file " + path)); });
        } else {
          fetch(url).then(function (r) {
            if (!r.ok) throw new Error("missing index file " + path);
            return r.text();
          }).then(function (t) {
            resolve(JSON.parse(t.slice(t.indexOf(",") + 1, t.lastIndexOf(")"))));
          }, reject);
        }
      });
    }
    return self.files[path];
  };
  Index.prototype.shard = function (hash) { return this.file("s/" + hash + ".js", hash); };

  function findChunk(manifest, key) {
    var lo = 0, hi = manifest.length - 1, ans = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (manifest[mid][0] <= key) { ans = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return ans;
  }
  /* Rows of a sorted [firstKey, name] list that may hold keys in [lo, hi] (hi null: lo). */
  function covering(list, lo, hi) {
    if (!list.length) return [];
    var first = findChunk(list, lo), last = first;
    if (hi !== null) while (last + 1 < list.length && list[last + 1][0] <= hi) last++;
    return list.slice(first, last + 1);
  }

  /* Two-level manifest: entry -> pages -> shards, in one segment. Keys in [lo, hi]. */
  Index.prototype.lookupSegment = function (seg, lo, hi) {
    var self = this;
    var pages = covering(seg[2], lo, hi);
    return Promise.all(pages.map(function (p) { return self.shard(p[1]); })).then(function (parts) {
      var rows = [].concat.apply([], parts.map(function (p) { return p.m; }));
      return Promise.all(covering(rows, lo, hi).map(function (r) { return self.shard(r[1]); }));
    }).then(function (parts) {
      var out = {};
      parts.forEach(function (p) {
        Object.keys(p).forEach(function (k) { if (k >= lo && k <= (hi === null ? lo : hi)) out[k] = p[k]; });
      });
      return out;
    });
  };

  /* Segments hold disjoint sid ranges, in order: document frequencies add up, postings
   * and positions concatenate. A segment's sid lists start from its first sid (base).
   * Merged values: "d:" [df, stems...]; "t:" {word: same}; "p:#..." [sid...];
   * "p:" {fieldIndex: [[sid, tf, length]...]}; "x:" {fieldIndex: [...]}. */
  function mergeInto(out, key, value, base) {
    var kind = key.charAt(0);
    if (kind === "d") {
      if (out[key]) out[key][0] += value[0]; else out[key] = value.slice();
    } else if (kind === "t") {
      var words = out[key] || (out[key] = {});
      Object.keys(value).forEach(function (w) { mergeInto(words, "d" + w, value[w], base); });
    } else if (key.charAt(2) === "#") {
      out[key] = (out[key] || []).concat(decodeSids(value, base));
    } else if (kind === "p") {
      var fields = out[key] || (out[key] = {});
      var i = 0;
      while (i < value.length) {
        var f = value[i], n = value[i + 1], sid = base, list = fields[f] || (fields[f] = []);
        i += 2;
        for (var j = 0; j < n; j++, i += 3) { sid += value[i]; list.push([sid, value[i + 1], value[i + 2]]); }
      }
    } else {
      var pos = out[key] || (out[key] = {});
      value.forEach(function (row) { pos[row[0]] = (pos[row[0]] || []).concat(row[1]); });
    }
  }

  Index.prototype.lookup = function (lo, hi) {
    var self = this;
    return Promise.all(self.entry.segments.map(function (seg) { return self.lookupSegment(seg, lo, hi); }))
      .then(function (parts) {
        var out = {};
        parts.forEach(function (p, i) {
          var base = self.entry.segments[i][0];
          Object.keys(p).sort().forEach(function (k) { mergeInto(out, k, p[k], base); });
        });
        return out;
      });
  };

  Index.prototype.lookupKeys = function (keys) {
    var self = this;
    return Promise.all(keys.map(function (k) { return self.lookup(k, null); })).then(function (parts) {
      var out = {};
      parts.forEach(function (p) { Object.keys(p).forEach(function (k) { out[k] = p[k]; }); });
      return out;
    });
  };

  Index.prototype.fragments = function (sids) {
    var self = this;
    return Promise.all(sids.map(function (sid) { return self.file("f/" + sid + ".js", String(sid)); }));
  };

  function pad2(n) { return n < 10 ? "0" + n : String(n); }

  /* Load the dictionary entries a plan may need, then build the plan. */
  Index.prototype.plan = function (parsed) {
    var self = this, entry = self.entry, dict = {};
    var words = parsed.words.concat([].concat.apply([], parsed.phrases), parsed.excluded);
    function merge(prefix) {
      return function (part) {
        Object.keys(part).forEach(function (k) {
          if (prefix === "d:") dict[k.slice(2)] = part[k];
          else Object.keys(part[k]).forEach(function (w) { dict[w.slice(1)] = part[k][w]; });
        });
      };
    }
    var last = parsed.prefix ? parsed.words[parsed.words.length - 1] : null;
    var loads = words.map(function (w) { return self.lookup("d:" + w, null).then(merge("d:")); });
    if (last && last.length >= entry.prefix[0]) {
      loads.push(self.lookup("d:" + last, "d:" + last + "\uffff").then(merge("d:")));
    }
    return Promise.all(loads).then(function () {
      var typos = words.filter(function (w) { return w.length >= entry.typo[0] && !(w in dict); });
      var buckets = [];
      typos.forEach(function (w) {
        for (var n = w.length - 1; n <= w.length + 1; n++) buckets.push("t:" + w[0] + pad2(n));
      });
      return self.lookupKeys(buckets).then(function (part) { merge("t:")(part); });
    }).then(function () {
      var langIndex = {};
      entry.langs.forEach(function (l, i) { langIndex[l] = i + 1; });
      var lex = {
        stem: function (w, lang) {
          var e = dict[w];
          if (!e) return w;
          var code = e[langIndex[lang]];
          return typeof code === "number" ? w.slice(0, code) : code;
        },
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

  function decodeSids(flat, base) {
    var out = [], sid = base;
    flat.forEach(function (d) { sid += d; out.push(sid); });
    return out;
  }
  function splitKey(key) { var i = key.indexOf(":"); return [key.slice(0, i), key.slice(i + 1)]; }

  /* {"field:term": postings} for clause keys, from the "p:<term>" entries. */
  Index.prototype.postings = function (keys) {
    var self = this, terms = {};
    keys.forEach(function (k) { terms[k.charAt(0) === "#" ? k : splitKey(k)[1]] = true; });
    return self.lookupKeys(Object.keys(terms).map(function (t) { return "p:" + t; })).then(function (raw) {
      var out = {};
      keys.forEach(function (k) {
        if (k.charAt(0) === "#") { if (("p:" + k) in raw) out[k] = raw["p:" + k]; return; }
        var fk = splitKey(k), byField = raw["p:" + fk[1]], fi = self.entry.fields.indexOf(fk[0]);
        if (byField && fi in byField) out[k] = byField[fi];
      });
      return out;
    });
  };

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
    var terms = {};
    all.forEach(function (k) { terms["x:" + splitKey(k)[1]] = true; });
    return Promise.all([self.postings(all), self.lookupKeys(Object.keys(terms))]).then(function (r) {
      var post = r[0], rawPos = r[1], found = {};
      function positions(key) {
        var fk = splitKey(key), fi = entry.fields.indexOf(fk[0]);
        return (rawPos["x:" + fk[1]] || {})[fi] || [];
      }
      Object.keys(keysByField).forEach(function (f) {
        var parts = keysByField[f];
        if (!parts.every(function (p) { return p[1] in post; })) return;
        var maps = parts.map(function (p) {
          var m = {}, pos = positions(p[1]);
          post[p[1]].forEach(function (d, i) { m[d[0]] = pos[i]; });
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
    return self.loadEntry().then(function () {
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
    return self.postings(Object.keys(keys)).then(function (p) {
      postings = p;
      function clauseScores(c) {
        var scores = {};
        Object.keys(c.terms).sort().forEach(function (key) {
          if (!(key in postings)) return;
          var field = key.slice(0, key.indexOf(":"));
          var list = postings[key];
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
          (postings["#lang:" + l[0]] || []).forEach(function (s) { total[s] = 0; });
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
            (postings[f[0] + v] || []).forEach(function (s) { allowed[s] = true; });
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
      /* Dates of every match only when dates matter (one small file). */
      var needDates = parsed.dateFrom || parsed.dateTo || options.sort === "date" || !plan.clauses.length;
      var dates = needDates ? self.file("dates.js", "dates") : Promise.resolve(null);
      return dates.then(function (d) {
        if (d) rows.forEach(function (r) { r.date = d[r.sid]; });
        return self.finish(rows, plan, limit, options, !!d);
      });
    });
  };

  /* Best first; ties by sid, as whoosh_index.execute_plan. */
  function byScore(a, b) {
    return Math.round(b.score * 1e9) - Math.round(a.score * 1e9) || a.sid - b.sid;
  }

  Index.prototype.finish = function (rows, plan, limit, options, haveDates) {
    var self = this, parsed = plan.parsed;
    if (haveDates) {
      rows = rows.filter(function (r) {
        return NS.matchesFilters({ date: r.date }, { sites: [], langs: [], dateFrom: parsed.dateFrom, dateTo: parsed.dateTo });
      });
      if (options.sort === "date" || !plan.clauses.length) {
        rows.sort(function (a, b) { return (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || byScore(a, b); });
      }
    }
    var top = rows.slice(0, limit);
    var surfaces = [];
    plan.clauses.forEach(function (c) { surfaces = surfaces.concat(c.surfaces); });
    return self.fragments(top.map(function (r) { return r.sid; })).then(function (frags) {
      return top.map(function (r, i) {
        var f = frags[i];
        var ex = NS.makeExcerpt(f.text, surfaces, plan.stems, self.entry.excerptWords);
        return {
          url: self.root + f.url, title: f.title, date: f.date,
          lang: f.lang, site: f.site, tags: f.tags, score: r.score,
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
    var pageLang = NS.uiLang(document.documentElement.lang, "en");
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
      // Any filter alone is a query too: "all Italian articles, newest first" is a page.
      if (!q.trim() && !opts.tag && !opts.site && !opts.lang && !opts.dateFrom && !opts.dateTo) {
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
        if (r.date) {  /* shown as every page shows dates, in the result's language */
          var t = document.createElement("time");
          t.dateTime = r.date;
          t.textContent = NS.displayDate(r.date, NS.uiLang(r.lang, pageLang));
          meta.appendChild(t);
          meta.appendChild(document.createTextNode(" \u00b7 "));
        }
        meta.appendChild(document.createTextNode(r.site));
        var ex = document.createElement("p");
        ex.className = "ns-excerpt";
        ex.innerHTML = r.excerptHtml;  // escaped text plus <mark> only
        li.appendChild(h);
        li.appendChild(meta);
        li.appendChild(ex);
        list.appendChild(li);
      });
      /* Labels come from the page (search.html, in the page's language). */
      var d = status.dataset;
      status.textContent = results.length === 0 ? (d.none || "No results") :
        results.length === 1 ? (d.one || "1 result") :
        (d.many || "{count} results").replace("{count}", String(results.length));
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
