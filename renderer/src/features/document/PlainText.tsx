import { Fragment } from 'react';
import styles from './RichText.module.css';
import { HighlightedText } from './searchHighlight';

/** Plain body text: blank lines separate paragraphs, single newlines become line breaks. */
export function PlainText({ text }: { text: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return (
    <div className={styles.rich}>
      {paragraphs.map((paragraph, i) => (
        <p key={i}>
          {paragraph.split('\n').map((line, j) => (
            <Fragment key={j}>
              {j > 0 ? <br /> : null}
              <HighlightedText text={line} />
            </Fragment>
          ))}
        </p>
      ))}
    </div>
  );
}
