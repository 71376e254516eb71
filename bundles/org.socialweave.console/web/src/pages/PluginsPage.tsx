import { Table, Tag, Typography } from 'antd';
import { all, type Plugin } from '../api';
import { useI18n } from '../i18n';
import { Loadable, PageTitle, useLoad } from '../common';

export default function PluginsPage() {
  const { t } = useI18n();
  const plugins = useLoad(() => all<Plugin>('/plugins'), []);
  return (
    <>
      <PageTitle>{t('plugins.title')}</PageTitle>
      <Loadable state={plugins}>
        {(items) => (
          <Table<Plugin>
            rowKey="symbolicName"
            dataSource={items}
            pagination={false}
            scroll={{ x: 720 }}
            expandable={{
              rowExpandable: (p) => p.capabilities.length > 0,
              expandedRowRender: (p) => (
                <ul style={{ margin: 0 }}>
                  {p.capabilities.map((c, i) => (
                    <li key={i}>
                      <Typography.Text code>{c.service}</Typography.Text>{' '}
                      {Object.entries(c.properties).map(([k, v]) => (
                        <Tag key={k}>{`${k}=${String(v)}`}</Tag>
                      ))}
                    </li>
                  ))}
                </ul>
              ),
            }}
            columns={[
              { title: t('common.name'), dataIndex: 'name', render: (n: string, p) => <>{n} {p.thirdParty ? <Tag color="purple">{t('plugins.thirdParty')}</Tag> : null}</> },
              { title: t('plugins.bundle'), dataIndex: 'symbolicName', render: (s: string) => <Typography.Text code>{s}</Typography.Text>, responsive: ['md'] },
              { title: t('plugins.version'), dataIndex: 'version', width: 140 },
              { title: t('plugins.state'), dataIndex: 'state', width: 110, render: (s: string) => <Tag color={s === 'ACTIVE' ? 'green' : 'default'}>{s}</Tag> },
              { title: t('plugins.capabilities'), key: 'caps', width: 120, render: (_, p) => p.capabilities.length || t('plugins.none') },
            ]}
          />
        )}
      </Loadable>
    </>
  );
}
