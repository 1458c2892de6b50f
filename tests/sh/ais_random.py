#!/usr/bin/env python3
"""Write N pseudo-random AIS sentences (every type 1-27, the DAC/FID
subtypes gpsd decodes, lengths around each type's defined ones, multi-
sentence when long) to the file given, for the differential test against
gpsdecode (tests/sh/ais_gpsdecode_random.sh).  Usage: ais_random.py SEED OUT"""
import random, sys
random.seed(int(sys.argv[1]))
def ck(body):
    x=0
    for c in body.encode(): x^=c
    return "%02X"%x
def armor(bits):
    bits=bits[:]
    while len(bits)%6: bits.append(random.randint(0,1))  # fill bits need not be 0
    out=''
    for i in range(0,len(bits),6):
        v=int(''.join(map(str,bits[i:i+6])),2)
        out+=chr(v+48 if v<40 else v+56)
    return out
def setf(bits,pos,width,val):
    for i in range(width):
        if pos+i < len(bits): bits[pos+i]=(val>>(width-1-i))&1
lines=[]
subs6=[(1,12),(1,14),(1,15),(1,16),(1,18),(1,20),(1,25),(1,28),(1,30),(1,32),(200,21),(200,22),(200,55),(235,10),(250,10),(1,40)]
subs8=[(1,11),(1,13),(1,15),(1,16),(1,17),(1,19),(1,27),(1,29),(1,31),(200,10),(200,23),(200,24),(200,40),(200,55),(366,56)]
seq=0
for n in range(6000):
    t=random.randint(1,27)
    if t in (6,8):
        nb=random.choice([88,96,136,168,232,248,256,360,400,424,472,500])
    else:
        nb=random.choice([40,72,96,144,160,168,186,272,312,360,424,600])
    nb=random.randint(max(40,nb-12),nb+12)
    bits=[random.randint(0,1) for _ in range(nb)]
    setf(bits,0,6,t)
    if t==6:
        d,f=random.choice(subs6); setf(bits,72,10,d); setf(bits,82,6,f)
    if t==8:
        d,f=random.choice(subs8); setf(bits,40,10,d); setf(bits,50,6,f)
    if t==24: setf(bits,38,2,random.choice([0,1,1]))
    pad=(6-nb%6)%6
    p=armor(bits)
    if len(p)<=60:
        body=f"AIVDM,1,1,,A,{p},{pad}"
        lines.append("!"+body+"*"+ck(body))
    else:
        seq=(seq+1)%10
        parts=[p[i:i+60] for i in range(0,len(p),60)]
        for i,pp in enumerate(parts):
            body=f"AIVDM,{len(parts)},{i+1},{seq},A,{pp},{pad if i==len(parts)-1 else 0}"
            lines.append("!"+body+"*"+ck(body))
open(sys.argv[2],'w').write("\n".join(lines)+"\n")
