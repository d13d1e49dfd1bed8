import { describe, expect, it } from 'vitest';
import { contentDisposition, detectDocumentType, safeFilename } from './documents.js';

describe('document type detection', () => {
  it('recognises PDF, PNG and JPEG by their first bytes', () => {
    expect(detectDocumentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(detectDocumentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(detectDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
  });

  it('rejects look-alikes', () => {
    expect(detectDocumentType(Buffer.from('PDF-1.7'))).toBeNull();
    expect(detectDocumentType(Buffer.from(' %PDF-1.7'))).toBeNull();
    expect(detectDocumentType(Buffer.from('<html>'))).toBeNull();
    expect(detectDocumentType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(detectDocumentType(Buffer.alloc(0))).toBeNull();
  });
});

describe('file names', () => {
  it('strips directories and quotes and adds a matching extension', () => {
    expect(safeFilename('../../etc/avtal "slutlig".pdf', 'application/pdf')).toBe('avtal slutlig.pdf');
    expect(safeFilename('C:\\Users\\x\\foto', 'image/jpeg')).toBe('foto.jpg');
    expect(safeFilename('bild.JPEG', 'image/jpeg')).toBe('bild.JPEG');
  });

  it('Content-Disposition carries an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('Avtal Åre.pdf')).toBe(
      `attachment; filename="Avtal Are.pdf"; filename*=UTF-8''Avtal%20%C3%85re.pdf`,
    );
  });
});
