import { defineApp, escapeHtml, flagBox, notFound, page, type RangeReply } from '../app-kit.js';

interface ShopState {
  balance: number;
  orders: string[];
}

interface Item {
  code: string;
  name: string;
  price: number;
}

const START_BALANCE = 50_000;
const MAX_ORDERS = 50;
const FLAG_ITEM = 'co-bi-mat';
const ITEMS: readonly Item[] = [
  { code: 'but-chi', name: 'Bút chì 2B', price: 5_000 },
  { code: 'vo-o-ly', name: 'Vở ô ly 96 trang', price: 12_000 },
  { code: FLAG_ITEM, name: 'Cờ bí mật', price: 1_000_000 },
];

const money = new Intl.NumberFormat('vi-VN');
const dong = (amount: number) => `${money.format(amount)} đ`;

function shop(base: string, flag: string, state: ShopState, message = ''): RangeReply {
  const rows = ITEMS.map(
    (item) =>
      `<tr><td>${item.name}</td><td>${dong(item.price)}</td><td><form method="post" action="${base}/mua">` +
      `<input type="hidden" name="ma" value="${item.code}"><input type="hidden" name="gia" value="${item.price}">` +
      `<button type="submit" aria-label="Mua ${item.name}">Mua</button></form></td></tr>`,
  ).join('');
  const orders = state.orders.length === 0 ? '<p>Bạn chưa mua gì.</p>' : `<ul>${state.orders.map((name) => `<li>${escapeHtml(name)}</li>`).join('')}</ul>`;
  const solved = state.orders.includes(ITEMS[2].name) ? flagBox(flag) : '';
  return page(
    base,
    'Gian hàng văn phòng phẩm',
    `${message}<p>Số dư trong ví: <strong>${dong(state.balance)}</strong></p>` +
      `<table><thead><tr><th scope="col">Mặt hàng</th><th scope="col">Giá</th><th scope="col"></th></tr></thead><tbody>${rows}</tbody></table>` +
      `<h2>Đơn hàng của bạn</h2>${orders}${solved}`,
  );
}

/** The price comes back from the browser in a hidden field, and the server charges that. */
export const hiddenPriceApp = defineApp<ShopState>({
  manifest: {
    slug: 'gian-hang',
    title: { vi: 'Tự đặt giá ở gian hàng', en: 'Name your own price' },
    level: 'THCS',
    topic: 'business-logic',
    statement: 'Ví của bạn có 50.000 đ, còn "Cờ bí mật" giá tới 1.000.000 đ. Hãy mua được Cờ bí mật.',
    hints: [
      'Khi bấm "Mua", trình duyệt gửi những gì lên máy chủ? Xem mã nguồn của biểu mẫu.',
      'Có một ô ẩn (type="hidden") chứa giá tiền. Ô ẩn vẫn sửa được.',
      'Dùng F12 → Elements (Kiểm tra phần tử), sửa value của ô gia cạnh Cờ bí mật thành 0 rồi bấm Mua.',
    ],
    solution: [
      '**Lỗ hổng:** máy chủ tin giá tiền do trình duyệt gửi lên trong ô ẩn `gia`. Ô ẩn chỉ ẩn trên màn hình; người dùng sửa được bằng công cụ của trình duyệt.',
      '',
      '**Cách giải:** F12 → Elements, tìm `<input type="hidden" name="gia" value="1000000">` của Cờ bí mật, đổi thành `0`, bấm Mua.',
      '',
      '**Cách sửa:** máy chủ chỉ nhận mã mặt hàng và số lượng, tự tra giá trong cơ sở dữ liệu của mình; mọi dữ liệu từ trình duyệt đều phải được kiểm tra lại.',
    ].join('\n'),
  },
  createState: () => ({ balance: START_BALANCE, orders: [] }),
  handle(request, { base, flag, state }) {
    if (request.path === '/') return shop(base, flag, state);
    if (request.path !== '/mua') return notFound(base);
    if (request.method !== 'POST') return { body: '', location: `${base}/` };
    const item = ITEMS.find((candidate) => candidate.code === request.form.get('ma'));
    const priceText = request.form.get('gia') ?? '';
    // The bug of the lesson: the price is read from the form, not from the shop's own list.
    const price = /^\d{1,12}$/.test(priceText) ? Number(priceText) : NaN;
    if (!item) return shop(base, flag, state, '<p class="warn">Không có mặt hàng này.</p>');
    if (!Number.isSafeInteger(price)) return shop(base, flag, state, '<p class="warn">Giá không hợp lệ.</p>');
    if (price > state.balance) return shop(base, flag, state, '<p class="warn">Số dư không đủ để mua mặt hàng này.</p>');
    if (state.orders.length >= MAX_ORDERS) return shop(base, flag, state, '<p class="warn">Giỏ hàng đã đầy. Hãy làm lại bài từ đầu.</p>');
    state.balance -= price;
    state.orders.push(item.name);
    return shop(base, flag, state, `<p>Đã mua: ${item.name} với giá ${dong(price)}.</p>`);
  },
});
