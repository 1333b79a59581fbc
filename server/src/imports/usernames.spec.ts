import { UsernamePicker } from './usernames.js';

describe(UsernamePicker.name, () => {
  it('gives the base, then the next free number, past names the database holds', async () => {
    const picker = new UsernamePicker(() => Promise.resolve(['annv', 'annv2', 'binhdt7']));
    expect(await picker.pick(['Nguyễn Văn An', 'Nguyễn Văn An', 'Đỗ Thị Bình'])).toEqual(['annv3', 'annv4', 'binhdt']);
  });

  it('reads the taken names of a base once, and keeps counting across batches', async () => {
    const asked: string[][] = [];
    const picker = new UsernamePicker((bases) => {
      asked.push(bases);
      return Promise.resolve([]);
    });
    expect(await picker.pick(['Nguyễn Văn An'])).toEqual(['annv']);
    expect(await picker.pick(['Nguyễn Văn An', 'Đỗ Thị Bình'])).toEqual(['annv2', 'binhdt']);
    expect(asked).toEqual([['annv'], ['binhdt']]);
  });
});
