/** The brief's headings in the languages of the secretariats; English for any other. */
export type SectionKind =
  | 'timeline'
  | 'proposals_counterpart'
  | 'proposals_ours'
  | 'agreements'
  | 'commitments'
  | 'open_questions';

interface Labels {
  title: (subject: string) => string;
  sections: Record<SectionKind, string>;
  nothing: (subject: string) => string;
  overdue: string;
  due: string;
  noDue: string;
  asked: string;
}

const LABELS: Record<string, Labels> = {
  en: {
    title: (subject) => `Brief: ${subject}`,
    sections: {
      timeline: 'Meetings',
      proposals_counterpart: 'Proposals by the counterpart',
      proposals_ours: 'Proposals by our side',
      agreements: 'Agreements signed',
      commitments: 'Open commitments',
      open_questions: 'Open questions',
    },
    nothing: (subject) => `Nothing verified about ${subject} in the documents and commitments you can see.`,
    overdue: 'overdue',
    due: 'due',
    noDue: 'no due date',
    asked: 'asked',
  },
  fr: {
    title: (subject) => `Dossier : ${subject}`,
    sections: {
      timeline: 'Réunions',
      proposals_counterpart: 'Propositions de l’interlocuteur',
      proposals_ours: 'Propositions de notre côté',
      agreements: 'Accords signés',
      commitments: 'Engagements en cours',
      open_questions: 'Questions sans réponse',
    },
    nothing: (subject) => `Rien de vérifié sur ${subject} dans les documents et engagements visibles.`,
    overdue: 'en retard',
    due: 'échéance',
    noDue: 'sans échéance',
    asked: 'posée le',
  },
  vi: {
    title: (subject) => `Hồ sơ: ${subject}`,
    sections: {
      timeline: 'Các cuộc gặp',
      proposals_counterpart: 'Đề xuất của phía bạn',
      proposals_ours: 'Đề xuất của phía ta',
      agreements: 'Văn kiện đã ký',
      commitments: 'Cam kết đang mở',
      open_questions: 'Câu hỏi chưa có lời đáp',
    },
    nothing: (subject) => `Không có thông tin đã kiểm chứng về ${subject}.`,
    overdue: 'quá hạn',
    due: 'hạn',
    noDue: 'không có hạn',
    asked: 'hỏi ngày',
  },
  zh: {
    title: (subject) => `简报：${subject}`,
    sections: {
      timeline: '会晤',
      proposals_counterpart: '对方的提议',
      proposals_ours: '我方的提议',
      agreements: '已签署的协议',
      commitments: '未完成的承诺',
      open_questions: '未解答的问题',
    },
    nothing: (subject) => `没有关于${subject}的已核实信息。`,
    overdue: '已逾期',
    due: '截止',
    noDue: '无截止日期',
    asked: '提问于',
  },
  sv: {
    title: (subject) => `Underlag: ${subject}`,
    sections: {
      timeline: 'Möten',
      proposals_counterpart: 'Motpartens förslag',
      proposals_ours: 'Våra förslag',
      agreements: 'Undertecknade avtal',
      commitments: 'Öppna åtaganden',
      open_questions: 'Obesvarade frågor',
    },
    nothing: (subject) => `Inget verifierat om ${subject}.`,
    overdue: 'försenat',
    due: 'förfaller',
    noDue: 'inget datum',
    asked: 'ställd',
  },
};

export const BRIEF_LANGUAGES = Object.keys(LABELS);

export function labelsFor(language: string): Labels {
  return LABELS[language] ?? LABELS.en!;
}
