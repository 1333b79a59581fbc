/**
 * The organisations scams in Vietnam most often pose as, with the domains that are really theirs.
 * A link whose name carries a brand's token on a domain not in its list is a look-alike.
 */
export interface Brand {
  name: string;
  /** Folded tokens that name the brand inside a host name (at least 4 letters, or exact labels). */
  tokens: readonly string[];
  /** Registrable domains that belong to the brand. */
  official: readonly string[];
}

export const BRANDS: readonly Brand[] = [
  { name: 'Vietcombank', tokens: ['vietcombank', 'vcb'], official: ['vietcombank.com.vn', 'vcb.com.vn'] },
  { name: 'Techcombank', tokens: ['techcombank', 'tcb'], official: ['techcombank.com', 'techcombank.com.vn'] },
  { name: 'BIDV', tokens: ['bidv'], official: ['bidv.com.vn'] },
  { name: 'VietinBank', tokens: ['vietinbank'], official: ['vietinbank.vn'] },
  { name: 'Agribank', tokens: ['agribank'], official: ['agribank.com.vn'] },
  { name: 'MB', tokens: ['mbbank'], official: ['mbbank.com.vn'] },
  { name: 'TPBank', tokens: ['tpbank'], official: ['tpb.vn', 'tpbank.vn', 'tpbank.com.vn'] },
  { name: 'ACB', tokens: ['acb'], official: ['acb.com.vn'] },
  { name: 'Sacombank', tokens: ['sacombank'], official: ['sacombank.com.vn'] },
  { name: 'VPBank', tokens: ['vpbank'], official: ['vpbank.com.vn'] },
  { name: 'MoMo', tokens: ['momo'], official: ['momo.vn'] },
  { name: 'ZaloPay', tokens: ['zalopay'], official: ['zalopay.vn'] },
  { name: 'Zalo', tokens: ['zalo'], official: ['zalo.me', 'zalo.vn', 'zaloapp.com'] },
  { name: 'Facebook', tokens: ['facebook', 'fb'], official: ['facebook.com', 'fb.com', 'fb.me', 'messenger.com'] },
  { name: 'Shopee', tokens: ['shopee'], official: ['shopee.vn', 'shopee.com', 'shp.ee'] },
  { name: 'Lazada', tokens: ['lazada'], official: ['lazada.vn', 'lazada.com'] },
  { name: 'Tiki', tokens: ['tiki'], official: ['tiki.vn'] },
  { name: 'TikTok', tokens: ['tiktok'], official: ['tiktok.com'] },
  { name: 'Giao Hàng Nhanh', tokens: ['ghn', 'giaohangnhanh'], official: ['ghn.vn'] },
  { name: 'Giao Hàng Tiết Kiệm', tokens: ['ghtk', 'giaohangtietkiem'], official: ['ghtk.vn'] },
  { name: 'Viettel Post', tokens: ['viettelpost'], official: ['viettelpost.com.vn', 'viettelpost.vn'] },
  { name: 'VNPost', tokens: ['vnpost', 'buudien'], official: ['vnpost.vn'] },
  { name: 'J&T Express', tokens: ['jtexpress'], official: ['jtexpress.vn'] },
  { name: 'Viettel', tokens: ['viettel'], official: ['viettel.vn', 'viettel.com.vn', 'viettelpost.com.vn', 'viettelpost.vn'] },
  { name: 'EVN', tokens: ['evn', 'dienluc'], official: ['evn.com.vn', 'evnhcmc.vn', 'evnhanoi.vn', 'evnspc.vn', 'evncpc.vn', 'evnnpc.vn'] },
  { name: 'Garena', tokens: ['garena', 'freefire'], official: ['garena.vn', 'garena.com', 'ff.garena.vn'] },
  { name: 'Bộ Công an', tokens: ['bocongan', 'congan'], official: ['bocongan.gov.vn'] },
  { name: 'VNeID', tokens: ['vneid'], official: ['vneid.gov.vn'] },
  { name: 'Dịch vụ công', tokens: ['dichvucong'], official: ['dichvucong.gov.vn'] },
  { name: 'Bảo hiểm xã hội', tokens: ['baohiemxahoi', 'bhxh'], official: ['baohiemxahoi.gov.vn'] },
  { name: 'Liên Quân Mobile', tokens: ['lienquan'], official: ['garena.vn'] },
  { name: 'Tổng cục Thuế', tokens: ['etax', 'gdt', 'tongcucthue'], official: ['gdt.gov.vn'] },
  { name: 'Cảnh sát giao thông', tokens: ['csgt'], official: ['csgt.vn', 'csgt.bocongan.gov.vn'] },
  { name: 'Bộ Giáo dục và Đào tạo', tokens: ['moet', 'bogiaoduc', 'bgddt'], official: ['moet.gov.vn'] },
  { name: 'Meta', tokens: ['meta'], official: ['meta.com', 'facebook.com'] },
  { name: 'IELTS', tokens: ['ielts'], official: ['ielts.org', 'idp.com', 'britishcouncil.vn', 'ieltsidpvietnam.com'] },
  { name: 'Vietnam Airlines', tokens: ['vietnamairlines', 'vnairlines'], official: ['vietnamairlines.com'] },
  { name: 'Vietjet', tokens: ['vietjet'], official: ['vietjetair.com'] },
  { name: 'MobiFone', tokens: ['mobifone'], official: ['mobifone.vn'] },
  { name: 'VinaPhone', tokens: ['vinaphone'], official: ['vinaphone.com.vn'] },
  { name: 'Hải quan', tokens: ['haiquan', 'customs'], official: ['customs.gov.vn'] },
  { name: 'Roblox', tokens: ['roblox', 'robux'], official: ['roblox.com'] },
  { name: 'Google', tokens: ['google', 'gmail'], official: ['google.com', 'google.com.vn', 'gmail.com', 'youtube.com', 'goo.gl'] },
];

/** Domains that everyone in Vietnam knows and that no scam link hides behind by itself. */
export const WELL_KNOWN_DOMAINS: ReadonlySet<string> = new Set([
  ...BRANDS.flatMap((b) => b.official),
  'youtube.com',
  'youtu.be',
  'wikipedia.org',
  'vnexpress.net',
  'tuoitre.vn',
  'thanhnien.vn',
  'vtv.vn',
  'moet.gov.vn',
  'khonggianmang.vn',
  'tinnhiemmang.vn',
  'chongluadao.vn',
  'microsoft.com',
  'office.com',
  'apple.com',
]);

/** Suffixes only a government or a school can register: a name under them is not a scam link on its own. */
export const TRUSTED_SUFFIXES = ['gov.vn', 'edu.vn'];

export const SHORTENERS: ReadonlySet<string> = new Set([
  'bit.ly',
  'bitly.com',
  'tinyurl.com',
  'cutt.ly',
  'rb.gy',
  'is.gd',
  't.ly',
  'shorturl.at',
  's.id',
  'tiny.cc',
  'ow.ly',
  'rebrand.ly',
  'v.gd',
  'shorten.asia',
  'bom.so',
  'bit.do',
  'tinyurl.vn',
  'urlzs.com',
  't.co',
  'lnkd.in',
  'short.gy',
]);

/** Top-level domains seen far more often in scam links than in anything a school or bank sends. */
export const RISKY_TLDS: ReadonlySet<string> = new Set([
  'xyz',
  'top',
  'click',
  'vip',
  'online',
  'site',
  'icu',
  'live',
  'club',
  'buzz',
  'cfd',
  'sbs',
  'bond',
  'fun',
  'work',
  'shop',
  'store',
  'cc',
  'tk',
  'ml',
  'ga',
  'cf',
  'gq',
  'pw',
  'monster',
  'rest',
  'cyou',
  'lol',
  'win',
  'loan',
  'link',
  'support',
  'help',
  'asia',
  'info',
]);

/** Free hosting where anyone makes a page in a minute: a bank or a school never sends one. */
export const FREE_HOSTS: ReadonlySet<string> = new Set([
  'weebly.com',
  'blogspot.com',
  'web.app',
  'firebaseapp.com',
  'github.io',
  'ngrok.io',
  'ngrok-free.app',
  '000webhostapp.com',
  'glitch.me',
  'vercel.app',
  'netlify.app',
  'pages.dev',
  'workers.dev',
  'wixsite.com',
  'square.site',
  'replit.app',
  'onrender.com',
  'herokuapp.com',
]);
