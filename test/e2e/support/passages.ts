import type { Page } from '@playwright/test';

/** Selects `quote` inside the text labelled `label`, as a person dragging over it would. */
export async function selectPassage(page: Page, label: string, quote: string): Promise<void> {
  await page
    .getByRole('document', { name: `${label}, with annotated passages` })
    .evaluate((element, quote) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(quote);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + quote.length);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
        return;
      }
      throw new Error(`“${quote}” is not in the text`);
    }, quote);
}
