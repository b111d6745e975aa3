/** A 社区's part of its profile: its 小区, and its place against the 片区 average. */
import {
  COMPARISON_FIGURES,
  type PianquComparison,
  type ShequProfile,
} from '../../../../server/contract/index.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { Section } from '../Section.tsx';
import { AreaRow, type Part } from './rows.tsx';

const oneDecimal = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });

function comparisonValue(tr: Translator, c: PianquComparison, v: number | null): string {
  if (v === null) return tr.t('stat.none');
  if (c.key === 'resolutionRate') return tr.percent(v);
  return oneDecimal.format(v);
}

export function ShequSections({ profile, onSelect, tr }: Part<ShequProfile>) {
  const { t, count, vocab, figure } = tr;
  return (
    <>
      <Section
        title={t('profile.xiaoquTable', { n: profile.xiaoquList.length })}
        testId="xiaoqu-table"
      >
        <ul className="child-list" data-testid="children">
          {profile.xiaoquList.map((x) => (
            <AreaRow
              key={x.code}
              code={x.code}
              name={x.name}
              onSelect={onSelect}
              meta={
                <>
                  {x.compoundType && (
                    <span className="tag tag--small">{vocab('compoundType', x.compoundType)}</span>
                  )}
                  <span>{t('panel.householdsShort', { n: count(x.households) })}</span>
                  <span>{t('profile.issuesShort', { n: count(x.issues) })}</span>
                  {x.unresolved > 0 && (
                    <span className="child-list__warn">
                      {t('panel.unresolvedShort', { n: count(x.unresolved) })}
                    </span>
                  )}
                </>
              }
            />
          ))}
        </ul>
      </Section>
      <Section title={t('profile.vsPianqu')} testId="vs-pianqu">
        <table className="versus-table">
          <thead>
            <tr>
              <th />
              <th>{t('profile.thisArea')}</th>
              <th>{t('profile.average')}</th>
            </tr>
          </thead>
          <tbody>
            {profile.comparison.map((c) => {
              const higher =
                c.value !== null && c.pianquAverage !== null && c.value > c.pianquAverage;
              return (
                <tr key={c.key} data-testid={`vs-${c.key}`}>
                  <th scope="row">{figure(COMPARISON_FIGURES[c.key])}</th>
                  <td className={higher ? 'versus-table__higher' : undefined}>
                    {comparisonValue(tr, c, c.value)}
                  </td>
                  <td>{comparisonValue(tr, c, c.pianquAverage)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Section>
    </>
  );
}
