"""tok2vec size against speed: an NER pipeline on character tokens (untrained weights — speed
does not depend on them) for a few widths and depths, over the corpus, on one core.

    python benchmarks/tok2vec_speed.py
"""

import glob
import json
import os
import time

import spacy
from thinc.api import Config

from lawie.normalize import fold

if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
texts = [fold(json.loads(open(p, encoding="utf-8").read())["text"]) for p in sorted(glob.glob("corpus/annotations/0*.jsonl"))]  # the five seed reports
lines=[l for t in texts for l in t.split('\n') if l.strip()]
nchar=sum(len(l) for l in lines)
def build(width, depth, rows, hidden, attrs):
    cfg=f"""
[nlp]
lang = "zh"
pipeline = ["tok2vec","ner"]
[nlp.tokenizer]
@tokenizers = "spacy.zh.ChineseTokenizer"
segmenter = "char"
[components]
[components.tok2vec]
factory = "tok2vec"
[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"
[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = {attrs}
rows = {[rows]*len(eval(attrs))}
include_static_vectors = false
[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = 1
maxout_pieces = 3
[components.ner]
factory = "ner"
[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {hidden}
maxout_pieces = 2
use_upper = true
nO = null
[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
"""
    nlp=spacy.util.load_model_from_config(Config().from_str(cfg), auto_fill=True)
    ner=nlp.get_pipe('ner')
    for l in ['ORG','INITIATIVE','COUNT','RATE']: ner.add_label(l)
    nlp.initialize()
    return nlp
print("| width | depth | rows | hidden | attrs | chars/s |")
for width,depth,rows,hidden,attrs in [(96,4,5000,64,'["NORM","PREFIX","SUFFIX","SHAPE"]'),(64,2,5000,32,'["NORM","SHAPE"]'),(48,2,4000,32,'["NORM","SHAPE"]'),(32,2,4000,16,'["NORM","SHAPE"]')]:
    nlp=build(width,depth,rows,hidden,attrs)
    for _ in nlp.pipe(lines[:50]): pass
    t=time.perf_counter()
    for _ in range(2):
        for d in nlp.pipe(lines, batch_size=64): pass
    dt=(time.perf_counter()-t)/2
    print(f"| {width} | {depth} | {rows} | {hidden} | {attrs} | {nchar / dt:,.0f} |")
