/** The part of the `qrcode` package the client uses (it ships no types): the module matrix, drawn by QrCode.vue. */
declare module 'qrcode' {
  export interface QRCodeModules {
    size: number;
    data: Uint8Array;
    get(row: number, col: number): number | boolean;
  }
  export interface QRCode {
    modules: QRCodeModules;
    version: number;
  }
  export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): QRCode;
}
