import { detectLanguage } from '../src/ingest/language.ts';
import { readFileSync, readdirSync } from 'node:fs';
for (const s of ['What did Guangxi propose on AI?','Qu\'a proposé le Guangxi sur l\'IA ?','Vad föreslog Guangxi om AI?','Quảng Tây đã đề xuất gì về AI?','Quang Tay de xuat gi ve tri tue nhan tao?','广西在人工智能方面提出了什么？','Chen Gang','hello','Who signed the minutes?','When was the meeting?','Quand a eu lieu la réunion ?','När hölls mötet?','Tran Cuong','Trần Cương','What is the Mong Cai–Dongxing zone?','Who is Chen Gang?','AI', 'Ai đã ký biên bản?','Giải thích về Quảng Tây'])
  console.log(JSON.stringify(s), detectLanguage(s));
for (const f of readdirSync('/work/wt-retrieval/samples/minutes')) console.log(f, detectLanguage(readFileSync('/work/wt-retrieval/samples/minutes/'+f,'utf8')));
