import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n';
import { EChart } from './EChart';

describe('<EChart>', () => {
  it('draws the chart as SVG', () => {
    render(
      <I18nProvider initial="zh-CN">
        <div style={{ width: 400 }}>
          <EChart
            ariaLabel="完成情况"
            option={{
              xAxis: { type: 'category', data: ['生产部', '研发中心'] },
              yAxis: { type: 'value' },
              series: [{ type: 'bar', data: [12, 7] }],
            }}
          />
        </div>
      </I18nProvider>,
    );
    const chart = screen.getByRole('img', { name: '完成情况' });
    expect(chart.querySelector('svg')).not.toBeNull();
  });
});
