// The home page's categories. The search service answers queries by tag but keeps no list of tags,
// so the shop names the tags it presents as categories: those of the demo catalog
// (deploy/lib/demo.sh), in Korean and English. Any other tag is still searchable.
export const kCategories: { tag: string; ko: string; en: string }[] = [
  { tag: '전자기기', ko: '전자기기', en: 'Electronics (KR)' },
  { tag: 'electronics', ko: '전자제품', en: 'Electronics' },
  { tag: '식품', ko: '식품', en: 'Food (KR)' },
  { tag: 'food', ko: '푸드', en: 'Food' },
  { tag: '아웃도어', ko: '아웃도어', en: 'Outdoor (KR)' },
  { tag: 'outdoor', ko: '야외 활동', en: 'Outdoor' },
];
