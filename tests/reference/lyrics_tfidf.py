"""TF-IDF fixtures for src/Experiments/Lyrics: scikit-learn's TfidfVectorizer on a small bilingual corpus.

The tokenizer rules of LyricsTokenizer/Graphemes are re-implemented here independently with `unicodedata`, and the
C# tests check both the tokens and the matrices. sklearn gets the tokens through `tokenizer=` (so its own stop-word
removal, word n-grams, df pruning, idf and normalisation run), or, for the grapheme char_wb n-grams, through a
callable analyzer; on English-only text sklearn's own analyzer='char_wb' is used as well.
It also writes fixtures/lyrics/lsa.json: sklearn's LSA recipe (TfidfVectorizer → TruncatedSVD → Normalizer) with the
runner's lyrics defaults, word and char_wb 2–4. SVD signs and bases are arbitrary, so the fixture holds what is not:
the singular values and the cosine Gram matrix of the normalised rows.
Run: /usr/bin/python3 tests/reference/lyrics_tfidf.py
"""
import os
import re
import unicodedata

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import Normalizer

import fixture_io

HERE = os.path.dirname(os.path.abspath(__file__))
STOPWORDS_CS = os.path.join(HERE, "..", "..", "src", "Experiments", "Lyrics", "StopWords.cs")

ZWJ, ZWNJ = "\u200d", "\u200c"


def is_extend(c):
    return c in (ZWJ, ZWNJ) or 0x1F3FB <= ord(c) <= 0x1F3FF or unicodedata.category(c) in ("Mn", "Mc", "Me")


def is_consonant(c):
    v = ord(c)
    return 0x0995 <= v <= 0x09B9 or 0x09DC <= v <= 0x09DF or 0x0915 <= v <= 0x0939 or 0x0958 <= v <= 0x095F


def is_pictographic(c):
    v = ord(c)
    return 0x2600 <= v <= 0x27BF or 0x1F000 <= v <= 0x1FAFF


def graphemes(s):
    out, i = [], 0
    while i < len(s):
        j = i + 1
        if s[i] == "\r" and j < len(s) and s[j] == "\n":
            out.append(s[i:j + 1]); i = j + 1; continue
        if unicodedata.category(s[i]) in ("Cc", "Zl", "Zp"):
            out.append(s[i]); i = j; continue
        base_consonant, linked, after_zwj = is_consonant(s[i]), False, False
        while j < len(s):
            c = s[j]
            if c == ZWNJ:
                linked = after_zwj = False
            elif c == ZWJ:
                after_zwj = True
            elif is_extend(c):
                if c in ("\u09cd", "\u094d") and base_consonant:
                    linked = True
                after_zwj = False
            elif linked and is_consonant(c):
                linked = after_zwj = False
            elif after_zwj and is_pictographic(c):
                after_zwj = False
            else:
                break
            j += 1
        out.append(s[i:j]); i = j
    return out


def normalize(text):
    text = "".join(" " if c == "\u200b" else c for c in text if c == "\u200b" or unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFC", text)


def is_word(cluster):
    return unicodedata.category(cluster[0])[0] in ("L", "N", "M")


def tokenize(text):
    units = graphemes(normalize(text))
    tokens, word = [], ""
    for k, u in enumerate(units):
        if u in ("'", "\u2019", "\u02bc"):
            if word and k + 1 < len(units) and is_word(units[k + 1]):
                word += "'"
            else:
                if word: tokens.append(word.lower())
                word = ""
        elif is_word(u):
            word += u
        else:
            if word: tokens.append(word.lower())
            word = ""
    if word: tokens.append(word.lower())
    return tokens


def char_wb(tokens, lo, hi):
    grams = []
    for t in tokens:
        w = [" "] + graphemes(t) + [" "]
        for n in range(lo, hi + 1):
            offset = 0
            grams.append("".join(w[offset:offset + n]))
            while offset + n < len(w):
                offset += 1
                grams.append("".join(w[offset:offset + n]))
            if offset == 0:
                break
    return grams


def stop_words():
    src = open(STOPWORDS_CS, encoding="utf-8").read()
    blocks = re.findall(r'"""(.*?)"""', src, re.S)
    words = set()
    for b in blocks:
        words.update(tokenize(b))
    return sorted(words)


DOCS = [
    "The night is young, and we don't stop — dancing under neon lights!",
    "আমি তোমার জন্য গান গাই। আকাশে মেঘ, নদীতে নৌকা॥",
    "Rain on the window; coffee gone cold. I'm remembering you…",
    "গ্রামের মাঠে সবুজ ধান, মাঝি গায় ভাটিয়ালি গান।",
    "FIRE in the STREETS! Rock’n’roll never dies; we’re breaking the chains.",
    # decomposed o-kar (U+09C7 U+09BE), a ZWJ ya-phala spelling and a ZWNJ: NFC and format removal must unify them
    "ক\u09c7\u09beথায় তুমি? কোথায়! র\u200d্যাব আর র্যাব, ক্ষমা ও ক\u200c্ষমা। উৎসব ১২৩",
    "Café naïve façade — déjà vu in the city of lights",
    "ঝড় আসে, বজ্র গর্জন! আমরা লড়াই করি মুক্তির জন্য।",
    "",
    "the and of to in",
    "Love love LOVE 🎵🎸 hey-hey dancing dancing",
    "ভালোবাসা ভালোবাসা, স্বপ্ন আর জ্যোৎস্না রাতে চাঁদ।",
]

HELD_OUT = [
    "Neon lights and rain in the city",
    "নদীতে নৌকা আর জ্যোৎস্না",
    "completely unseen vocabulary here",
]

# The LSA fixture's corpus: two languages whose texts share words within a language, so the singular values are distinct.
LSA_DOCS = [
    "the river runs to the sea and the sea runs to the sky",
    "under the sky the river sings a song of rain",
    "rain on the river, rain on the road, the road runs home",
    "a song for the road and a song for the night",
    "the night is long and the river is cold",
    "cold rain and a long road home through the night",
    "I sing to the sea, the sea sings to me",
    "home is a song the river keeps",
    "নদী সাগরে যায়, সাগর আকাশে যায়",
    "আকাশের নিচে নদী বৃষ্টির গান গায়",
    "নদীতে বৃষ্টি, পথে বৃষ্টি, পথ ঘরে ফেরে",
    "পথের জন্য গান, রাতের জন্য গান",
    "রাত দীর্ঘ, নদী ঠান্ডা",
    "ঠান্ডা বৃষ্টি আর দীর্ঘ পথ, রাতে ঘরে ফেরা",
    "আমি সাগরকে গান শোনাই, সাগর আমাকে গান শোনায়",
    "ঘর একটি গান যা নদী রাখে",
    "",
]

ENGLISH = [d for k, d in enumerate(DOCS) if k in (0, 2, 4, 6, 9, 10)]


def dense(m):
    return fixture_io.arr(np.asarray(m.todense()))


def main():
    stops = stop_words()
    toks = [tokenize(d) for d in DOCS]
    held = [tokenize(d) for d in HELD_OUT]
    lookup = {}

    def by_key(key):
        return lookup[key]

    def keyed(token_lists, tag):
        keys = []
        for k, t in enumerate(token_lists):
            key = f"{tag}{k}"
            lookup[key] = t
            keys.append(key)
        return keys

    docs_keys = keyed(toks, "d")
    held_keys = keyed(held, "h")
    cases = {}

    word = dict(tokenizer=by_key, preprocessor=None, lowercase=False, token_pattern=None)
    v = TfidfVectorizer(stop_words=stops, **word)
    cases["word_default"] = dict(v=v, opts=dict(analyzer="word", ngram=[1, 1], stop=True, min_df=[1, 0], max_df=[1.0, 1],
                                                 sublinear=False, smooth=True, use_idf=True, norm="l2"))
    v = TfidfVectorizer(stop_words=stops, ngram_range=(1, 2), sublinear_tf=True, smooth_idf=False, min_df=2, max_df=0.5, **word)
    cases["word_bigram_sublinear"] = dict(v=v, opts=dict(analyzer="word", ngram=[1, 2], stop=True, min_df=[2, 0], max_df=[0.5, 1],
                                                          sublinear=True, smooth=False, use_idf=True, norm="l2"))
    v = TfidfVectorizer(stop_words=None, ngram_range=(2, 3), use_idf=False, norm="l1", max_df=3, **word)
    cases["word_nostop_noidf_l1"] = dict(v=v, opts=dict(analyzer="word", ngram=[2, 3], stop=False, min_df=[1, 0], max_df=[3, 0],
                                                         sublinear=False, smooth=True, use_idf=False, norm="l1"))
    v = TfidfVectorizer(analyzer=lambda key: char_wb(lookup[key], 2, 4), min_df=0.1, sublinear_tf=True)
    cases["charwb_graphemes"] = dict(v=v, opts=dict(analyzer="char_wb", ngram=[2, 4], stop=False, min_df=[0.1, 1], max_df=[1.0, 1],
                                                     sublinear=True, smooth=True, use_idf=True, norm="l2"))

    out = {"docs": DOCS, "held_out": HELD_OUT, "tokens": toks, "held_out_tokens": held, "stop_words": stops,
           "graphemes": [graphemes(normalize(d)) for d in DOCS], "cases": {}}
    for name, c in cases.items():
        m = c["v"].fit_transform(docs_keys)
        entry = dict(c["opts"], features=list(c["v"].get_feature_names_out()), matrix=dense(m),
                     idf=fixture_io.arr(c["v"].idf_) if c["v"].use_idf else None,
                     held_out=dense(c["v"].transform(held_keys)))
        out["cases"][name] = entry

    # sklearn's own char_wb on English text (graphemes are code points there): our grapheme n-grams must match it.
    eng = [" ".join(tokenize(d)) for d in ENGLISH]
    v = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), lowercase=False)
    m = v.fit_transform(eng)
    out["sklearn_char_wb_english"] = dict(docs=ENGLISH, features=list(v.get_feature_names_out()), matrix=dense(m))
    print(fixture_io.write("lyrics", "tfidf", out))
    lsa(stops, lookup)


def lsa(stops, lookup):
    """The runner's LyricsEmbedding settings: sublinear tf, min_df 1, no stop words (word_stop: lyrics.stopWords on)."""
    word = TfidfVectorizer(tokenizer=lambda key: lookup[key], preprocessor=None, lowercase=False, token_pattern=None,
                           sublinear_tf=True)
    word_stop = TfidfVectorizer(tokenizer=lambda key: lookup[key], preprocessor=None, lowercase=False, token_pattern=None,
                                stop_words=stops, sublinear_tf=True)
    char = TfidfVectorizer(analyzer=lambda key: char_wb(lookup[key], 2, 4), sublinear_tf=True)
    keys = []
    for k, d in enumerate(LSA_DOCS):
        lookup[f"l{k}"] = tokenize(d)
        keys.append(f"l{k}")
    out = {"docs": LSA_DOCS, "cases": {}}
    for name, v, analyzer, ngram, k in [("word", word, "word", [1, 1], 6), ("word_stop", word_stop, "word", [1, 1], 6), ("char_wb", char, "char_wb", [2, 4], 6)]:
        x = v.fit_transform(keys)
        svd = TruncatedSVD(n_components=k, algorithm="arpack")
        emb = Normalizer(copy=False).fit_transform(svd.fit_transform(x))
        out["cases"][name] = {"analyzer": analyzer, "stop_words": name == "word_stop", "ngram": ngram, "components": k, "columns": x.shape[1],
                              "singular_values": fixture_io.arr(svd.singular_values_),
                              "row_norms": fixture_io.arr(np.linalg.norm(emb, axis=1)),
                              "gram": fixture_io.arr(emb @ emb.T)}
    print(fixture_io.write("lyrics", "lsa", out))


if __name__ == "__main__":
    main()
