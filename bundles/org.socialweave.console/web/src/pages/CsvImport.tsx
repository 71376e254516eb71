import { useState } from 'react';
import { Alert, Button, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { ProblemAlert } from '../common';
import { decodeAs, importCsv, previewOf, type ImportReport, type Preview, type PreviewRow } from '../campaigns';

interface Chosen {
  name: string;
  bytes: ArrayBuffer;
  report: ImportReport;
  preview: Preview;
}

/**
 * Choose a CSV file, see every row with the problems the API's dry run found, then import it as a
 * whole (the API refuses a file with any error, so the button only appears for a clean preview).
 */
export function CsvImportDialog({ base, onClose, onImported }: { base: string; onClose: () => void; onImported: (count: number) => void }) {
  const { t } = useI18n();
  const [charset, setCharset] = useState<string>('');
  const [chosen, setChosen] = useState<Chosen>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const preview = async (file: File) => {
    setError(undefined);
    setChosen(undefined);
    setBusy(true);
    try {
      const bytes = await file.arrayBuffer();
      const report = await importCsv(base, bytes, charset || undefined, true);
      setChosen({ name: file.name, bytes, report, preview: previewOf(decodeAs(bytes, report.charset), report) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(undefined);
    try {
      const report = await importCsv(base, chosen.bytes, charset || chosen.report.charset, false);
      onImported(report.postIds.length);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const p = chosen?.preview;
  const clean = !!chosen && chosen.report.errors.length === 0;
  const problems = (list: PreviewRow['errors'], color: string) =>
    list.map((e, i) => (
      <div key={i}>
        <Tag color={color}>{e.column ?? t('import.wholeRow')}</Tag>
        {e.message}
      </div>
    ));

  return (
    <Modal
      open
      title={t('import.title')}
      onCancel={onClose}
      width={960}
      destroyOnClose
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" disabled={!clean} loading={busy && !!chosen} onClick={save} data-testid="import-save">
            {t('import.save', { rows: chosen?.report.rows ?? 0 })}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('import.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="import-charset">{t('import.charset')}</label>
        <Select
          id="import-charset"
          value={charset}
          onChange={setCharset}
          style={{ width: 200 }}
          options={[
            { value: '', label: t('import.autoCharset') },
            { value: 'UTF-8', label: 'UTF-8' },
            { value: 'GBK', label: 'GBK / GB2312' },
            { value: 'GB18030', label: 'GB18030' },
          ]}
        />
      </Space>
      <Upload.Dragger accept=".csv,text/csv" showUploadList={false} beforeUpload={(file) => (preview(file), false)} aria-label={t('import.drop')} data-testid="import-drop">
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{busy && !chosen ? t('common.loading') : t('import.drop')}</p>
      </Upload.Dragger>
      {error ? <div style={{ marginTop: 12 }}><ProblemAlert error={error} /></div> : null}
      {chosen && p ? (
        <div style={{ marginTop: 16 }} data-testid="import-preview">
          <Alert
            type={clean ? 'success' : 'error'}
            showIcon
            role="status"
            data-testid="import-summary"
            message={t('import.summary', { name: chosen.name, rows: chosen.report.rows, charset: chosen.report.charset })}
            description={clean ? t('import.clean', { rows: chosen.report.rows }) : t('import.errors', { rows: p.errorRows, count: chosen.report.errors.length })}
            style={{ marginBottom: 12 }}
          />
          {p.fileErrors.length ? (
            <Alert type="error" data-testid="import-file-errors" message={problems(p.fileErrors.map((e) => ({ ...e, column: e.row ? `${t('import.row')} ${e.row}` : e.column })), 'red')} style={{ marginBottom: 12 }} />
          ) : null}
          <Table<PreviewRow>
            rowKey="row"
            size="small"
            dataSource={p.rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 800, y: 360 }}
            rowClassName={(r) => (r.errors.length ? 'sw-row-error' : '')}
            columns={[
              { title: t('import.row'), dataIndex: 'row', width: 60, fixed: 'left' },
              {
                title: t('import.problems'),
                key: 'problems',
                width: 280,
                render: (_, r) =>
                  r.errors.length || r.warnings.length ? (
                    <div data-testid={r.errors.length ? 'import-row-error' : undefined}>
                      {problems(r.errors, 'red')}
                      {problems(r.warnings, 'orange')}
                    </div>
                  ) : (
                    <Tag color="green">OK</Tag>
                  ),
              },
              ...p.columns.map((c) => ({ title: c, key: c, ellipsis: true, render: (_: unknown, r: PreviewRow) => r.cells[c] })),
            ]}
          />
        </div>
      ) : null}
    </Modal>
  );
}
