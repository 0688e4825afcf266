import { xmldomHtml } from '../../../test/helpers/xmldomParsers.ts';
import { describe, expect, it } from 'vitest';
import type { DocumentLike, DomParserLike, NodeLike } from './domLike.ts';
import { fallbackText, htmlToText } from './htmlToText.ts';

const text = (html: string) => htmlToText(html, xmldomHtml);

describe('htmlToText', () => {
  it('keeps what a reader of the balloon reads, with line breaks for br, p and li', () => {
    expect(
      text('<p>Two <b>killed</b>,<br>three injured.</p><ul><li>one</li><li>two</li></ul>'),
    ).toBe('Two killed,\nthree injured.\n\none\ntwo');
    expect(text('<h2>Title</h2><div>a</div><div>b</div>')).toBe('Title\n\na\nb');
    expect(text('<table><tr><td>x</td><td>y</td></tr><tr><td>z</td></tr></table>')).toBe('x y\nz');
  });

  it('drops scripts, styles, frames and objects with their content, and every attribute', () => {
    const html =
      '<p>Kept</p><script>alert("s")</script><style>p{}</style><iframe src="javascript:alert(1)">in frame</iframe>' +
      '<object data="x">in object</object><img src="http://evil.example/t.gif" onerror="alert(2)">' +
      '<a href="javascript:alert(3)">link text</a><noscript>ns</noscript><svg><text>svg</text></svg>';
    const out = text(html);
    expect(out).toBe('Kept\n\nlink text');
  });

  it('decodes entities and collapses white space as a browser shows it', () => {
    expect(text('  a&amp;b &lt;c&gt;\n\t d  ')).toBe('a&b <c> d');
    expect(text('plain   text\nwithout markup ')).toBe('plain text without markup');
    expect(text('a&nbsp;&nbsp;b')).toBe('a\u00a0\u00a0b');
  });

  it('keeps the content of <pre> exactly', () => {
    expect(text('<pre>  two  spaces\tand a tab<br>next &lt;b&gt; line&#13;</pre>')).toBe(
      '  two  spaces\tand a tab\nnext <b> line\r',
    );
  });

  it('walks a hostile 100 000-deep tree without overflowing the stack', () => {
    let node: NodeLike = { nodeType: 3, nodeName: '#text', nodeValue: 'deep', childNodes: [] };
    for (let i = 0; i < 100_000; i++) {
      node = { nodeType: 1, nodeName: 'B', localName: 'b', nodeValue: null, childNodes: [node] };
    }
    const root = node;
    const parser: DomParserLike = {
      parseFromString: () =>
        ({
          nodeType: 9,
          nodeName: '#document',
          nodeValue: null,
          childNodes: [root],
          documentElement: root,
          getElementsByTagName: () => [],
        }) as unknown as DocumentLike,
    };
    expect(htmlToText('<b>…</b>', parser)).toBe('deep');
  });

  it('falls back to removing tags when the parser refuses the HTML', () => {
    const refusing: DomParserLike = {
      parseFromString: () => {
        throw new Error('mismatched tag');
      },
    };
    expect(htmlToText('<div>unclosed <b>bold<script>alert(1)', refusing)).toBe('unclosed bold');
    expect(fallbackText('<p>a &amp; b</p><style>x{}</style><!-- c --><p>c</p>')).toBe('a & b\n\nc');
    expect(fallbackText('x<img src=x onerror=alert(1)')).toBe('x');
  });
});
