/** Deterministic, realistic Vietnamese people for the demo data. */

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Nông', 'Hà'];
/** Middle and given names by gender: "Thị" and "Văn" say it outright, the given names agree. */
const NAMES = {
  F: {
    middle: ['Thị', 'Ngọc', 'Thu', 'Minh', 'Gia', 'Khánh', 'Bảo', 'Thanh'],
    given: ['Chi', 'Hà', 'Hạnh', 'Hoa', 'Lan', 'Linh', 'Mai', 'Ngân', 'Thảo', 'Trang', 'Vy', 'Yến', 'Nhi', 'My', 'Hương'],
  },
  M: {
    middle: ['Văn', 'Đức', 'Quang', 'Minh', 'Gia', 'Khánh', 'Bảo', 'Hữu'],
    given: ['Dũng', 'Hải', 'Hiếu', 'Huy', 'Khoa', 'Long', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tuấn', 'Đạt', 'Khôi', 'Hùng', 'Thắng'],
  },
} as const;

export interface DemoPerson {
  fullName: string;
  gender: 'M' | 'F';
}

/** Deterministic, realistic people: the n-th is always the same; odd n are boys, even n girls, and their names say so. */
export function demoPerson(n: number): DemoPerson {
  const gender = n % 2 ? 'M' : 'F';
  const { middle, given } = NAMES[gender];
  const k = Math.floor(n / 2);
  return { fullName: `${FAMILY[(n * 7) % FAMILY.length]} ${middle[(k * 3) % middle.length]} ${given[(k * 11) % given.length]}`, gender };
}
