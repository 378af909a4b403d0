import { detectLanguage } from '../src/ingest/language.ts';
import { detectAll } from 'tinyld';
for (const s of ['Minutes of 2 June 2025\nLang Son and Guangxi reviewed border trade.', 'Minutes of 2 June 2025\n\nLang Son and Guangxi reviewed border trade.'])
  console.log(detectLanguage(s), JSON.stringify(detectAll(s).slice(0,3)));
