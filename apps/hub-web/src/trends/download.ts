/**
 * Downloads made in the browser from what is on the page: no request to the hub. The page's CSP
 * allows `img-src 'self' data:`, so a chart's SVG is drawn onto a canvas through a data: image.
 */

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is not needed after this turn.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function downloadText(text: string, type: string, fileName: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

function svgSource(svg: SVGSVGElement): string {
  return new XMLSerializer().serializeToString(svg);
}

export function downloadSvg(svg: SVGSVGElement, fileName: string): void {
  downloadText(`<?xml version="1.0" encoding="UTF-8"?>\n${svgSource(svg)}`, 'image/svg+xml', `${fileName}.svg`);
}

export async function downloadPng(svg: SVGSVGElement, fileName: string, scale = 2): Promise<void> {
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  const image = new Image(width, height);
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgSource(svg))}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw the chart as an image');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('This browser cannot draw the chart as an image');
  downloadBlob(blob, `${fileName}.png`);
}
