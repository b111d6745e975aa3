/**
 * The import's settings: kind, level, file (picker or drop), coordinate system, encoding, mode,
 * source and options. Reads the settings and reports changes; owns nothing but the drop hover.
 */
import { useId, useState, type DragEvent } from 'react';
import { IMPORT_KINDS, IMPORT_MODES, type ImportSource } from '../../server/contract/index.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import {
  BOUNDARY_LEVELS,
  FORM_CRS,
  FORM_ENCODINGS,
  fileSize,
  isAcceptedFile,
  withSource,
  type ImportSettings,
} from './import-state.ts';
import './import-form.css';

/** One setting chosen from a list: its label, and the list's values by their words. */
function SelectField<V extends string>({
  label,
  value,
  options,
  optionLabel,
  onChange,
  testId,
}: {
  label: string;
  value: V;
  options: readonly V[];
  optionLabel(option: V): string;
  onChange(value: V): void;
  testId: string;
}) {
  return (
    <label className="imports-field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as V)} data-testid={testId}>
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Props of {@link ImportForm}. */
export interface ImportFormProps {
  settings: ImportSettings;
  file: File | null;
  sources: ImportSource[];
  onChange(next: ImportSettings): void;
  onFile(file: File | null): void;
}

export function ImportForm({ settings, file, sources, onChange, onFile }: ImportFormProps) {
  const { t } = useI18n();
  const id = useId();
  const [hover, setHover] = useState(false);
  const [rejected, setRejected] = useState<string | null>(null);
  const set = <K extends keyof ImportSettings>(key: K, value: ImportSettings[K]) =>
    onChange({ ...settings, [key]: value });
  const take = (picked: File | undefined) => {
    if (!picked) return;
    if (!isAcceptedFile(picked.name)) {
      setRejected(picked.name);
      return;
    }
    setRejected(null);
    onFile(picked);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setHover(false);
    take(e.dataTransfer.files[0]);
  };
  const saved = sources.find((s) => s.name === settings.source.trim());
  const boundaries = settings.kind === 'boundaries';

  return (
    <form
      className="imports-form"
      aria-label={t('imports.form')}
      onSubmit={(e) => e.preventDefault()}
      data-testid="imports-form"
    >
      <div className="imports-form__row">
        <SelectField
          label={t('imports.kind')}
          value={settings.kind}
          options={IMPORT_KINDS}
          optionLabel={(k) => t(`imports.kind.${k}`)}
          onChange={(kind) => onChange({ ...settings, kind, mapping: {} })}
          testId="imports-kind"
        />
        {boundaries && (
          <SelectField
            label={t('imports.level')}
            value={settings.level}
            options={BOUNDARY_LEVELS}
            optionLabel={(l) => t(`imports.level.${l}`)}
            onChange={(level) => set('level', level)}
            testId="imports-level"
          />
        )}
      </div>

      <div className="imports-field">
        <span id={`${id}-file`}>{t('imports.file')}</span>
        <div
          className={`imports-drop${hover ? ' imports-drop--hover' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setHover(true);
          }}
          onDragLeave={() => setHover(false)}
          onDrop={onDrop}
          data-testid="imports-drop"
        >
          <span>{t('imports.fileDrop')}</span>{' '}
          <label className="imports-drop__choose">
            {t('imports.fileChoose')}
            <input
              type="file"
              className="visually-hidden"
              accept=".csv,.txt,.geojson,.json,.zip,.xlsx,.xls,.kml,.kmz,.gpkg"
              aria-labelledby={`${id}-file`}
              onChange={(e) => {
                take(e.target.files?.[0]);
                e.target.value = '';
              }}
              data-testid="imports-file"
            />
          </label>
          <div className="imports-drop__types">{t('imports.fileTypes')}</div>
          {file && (
            <div className="imports-drop__file" data-testid="imports-file-name">
              <strong>{file.name}</strong> · {fileSize(file.size)}
            </div>
          )}
          {rejected && (
            <div className="imports-warn" role="alert">
              {t('imports.fileRejected', { name: rejected })}
            </div>
          )}
        </div>
      </div>

      <div className="imports-form__row">
        <SelectField
          label={t('imports.crs')}
          value={settings.crs}
          options={FORM_CRS}
          optionLabel={(c) => t(`imports.crs.${c}`)}
          onChange={(crs) => set('crs', crs)}
          testId="imports-crs"
        />
        <SelectField
          label={t('imports.encoding')}
          value={settings.encoding}
          options={FORM_ENCODINGS}
          optionLabel={(c) => t(`imports.encoding.${c}`)}
          onChange={(encoding) => set('encoding', encoding)}
          testId="imports-encoding"
        />
      </div>
      {settings.crs === 'epsg' && (
        <label className="imports-field">
          <span>{t('imports.epsg')}</span>
          <input
            type="text"
            inputMode="numeric"
            pattern="[0-9]{4,5}"
            maxLength={5}
            value={settings.epsg}
            placeholder="4528"
            onChange={(e) => set('epsg', e.target.value.replace(/\D/g, ''))}
            aria-describedby={`${id}-epsg`}
            data-testid="imports-epsg"
          />
          <small id={`${id}-epsg`} className="imports-note">
            {t('imports.epsgHint')}
          </small>
        </label>
      )}

      {file && /\.xlsx$/i.test(file.name) && (
        <label className="imports-field">
          <span>{t('imports.sheet')}</span>
          <input
            type="text"
            value={settings.sheet}
            maxLength={100}
            placeholder={t('imports.sheetHint')}
            onChange={(e) => set('sheet', e.target.value)}
            data-testid="imports-sheet"
          />
        </label>
      )}

      {file && /\.gpkg$/i.test(file.name) && (
        <label className="imports-field">
          <span>{t('imports.layer')}</span>
          <input
            type="text"
            value={settings.layer}
            maxLength={100}
            placeholder={t('imports.layerHint')}
            onChange={(e) => set('layer', e.target.value)}
            data-testid="imports-layer"
          />
        </label>
      )}

      <fieldset className="imports-fieldset">
        <legend>{t('imports.mode')}</legend>
        {IMPORT_MODES.map((m) => (
          <label key={m} className="imports-check">
            <input
              type="radio"
              name={`${id}-mode`}
              value={m}
              checked={settings.mode === m}
              onChange={() => set('mode', m)}
              data-testid={`imports-mode-${m}`}
            />
            {t(`imports.mode.${m}`)}
          </label>
        ))}
        {settings.mode === 'replace' && (
          <p className="imports-warn" role="note">
            {t('imports.replaceWarning')}
          </p>
        )}
      </fieldset>

      <label className="imports-field">
        <span>{t('imports.source')}</span>
        <input
          type="text"
          list={`${id}-sources`}
          value={settings.source}
          maxLength={80}
          placeholder={t('imports.sourceHint')}
          onChange={(e) => {
            const name = e.target.value;
            const picked = sources.find((s) => s.name === name);
            onChange(picked ? withSource(settings, picked) : { ...settings, source: name });
          }}
          data-testid="imports-source"
        />
        <datalist id={`${id}-sources`}>
          {sources.map((s) => (
            <option key={s.name} value={s.name}>
              {t(`imports.kind.${s.kind}`)}
            </option>
          ))}
        </datalist>
      </label>
      {saved && <p className="imports-note">{t('imports.sourceSaved', { name: saved.name })}</p>}

      <fieldset className="imports-fieldset">
        <legend>{t('imports.options')}</legend>
        {boundaries && (
          <>
            <label className="imports-check">
              <input
                type="checkbox"
                checked={settings.repair}
                onChange={(e) => set('repair', e.target.checked)}
                data-testid="imports-repair"
              />
              {t('imports.repair')}
            </label>
            <label className="imports-field imports-field--inline">
              <span>{t('imports.tolerance')}</span>
              <input
                type="number"
                min={0}
                step={1}
                value={settings.toleranceM2}
                onChange={(e) => set('toleranceM2', Math.max(0, Number(e.target.value) || 0))}
                data-testid="imports-tolerance"
              />
            </label>
          </>
        )}
        <label className="imports-check">
          <input
            type="checkbox"
            checked={!settings.crsCheck}
            onChange={(e) => set('crsCheck', !e.target.checked)}
            data-testid="imports-crs-check-off"
          />
          {t('imports.crsCheckOff')}
        </label>
        {!settings.crsCheck && (
          <p className="imports-warn" role="note">
            {t('imports.crsCheckWarning')}
          </p>
        )}
      </fieldset>
    </form>
  );
}
