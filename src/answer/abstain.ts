/** What an answer says when it has nothing to cite, and the notes under offline or failed answers, per language. */
const NOT_FOUND: Record<string, string> = {
  en: "I couldn't find this in the indexed documents.",
  fr: "Je n'ai pas trouvé cette information dans les documents indexés.",
  sv: 'Jag hittade inte detta i de indexerade dokumenten.',
  vi: 'Tôi không tìm thấy thông tin này trong các tài liệu đã lập chỉ mục.',
  zh: '我在已索引的文档中找不到这方面的信息。',
};

const OFFLINE_NOTICE: Record<string, string> = {
  en: 'A language model is not configured: showing the passages that answer best.',
  fr: "Aucun modèle de langue n'est configuré : voici les passages qui répondent le mieux.",
  sv: 'Ingen språkmodell är konfigurerad: här är de stycken som svarar bäst.',
  vi: 'Chưa cấu hình mô hình ngôn ngữ: đây là những đoạn trả lời sát nhất.',
  zh: '未配置语言模型：以下是最能回答问题的段落。',
};

const UNAVAILABLE: Record<string, string> = {
  en: 'The language model is not responding right now. Please try again in a minute.',
  fr: 'Le modèle de langue ne répond pas pour le moment. Réessayez dans une minute.',
  sv: 'Språkmodellen svarar inte just nu. Försök igen om en minut.',
  vi: 'Mô hình ngôn ngữ hiện không phản hồi. Vui lòng thử lại sau một phút.',
  zh: '语言模型暂时没有响应，请稍后再试。',
};

export function notFoundMessage(language: string): string {
  return NOT_FOUND[language] ?? NOT_FOUND.en!;
}

export function offlineNotice(language: string): string {
  return OFFLINE_NOTICE[language] ?? OFFLINE_NOTICE.en!;
}

export function unavailableMessage(language: string): string {
  return UNAVAILABLE[language] ?? UNAVAILABLE.en!;
}
