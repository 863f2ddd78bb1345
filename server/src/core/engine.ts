/**
 * The analysis engine: files in, diagnostics out. Holds the per-statement parse cache between runs, so a
 * re-analysis after an edit re-parses only the statements whose text changed.
 */
import type { AnalysisResult, Config, SourceFile } from './api';

export interface CancellationFlag {
  readonly isCancellationRequested: boolean;
}

export class Analyzer {
  /** Loads the WASM parsers. Await once before the first `analyze`. */
  static async init(): Promise<void> {
    // filled in by the engine work
  }

  /** Analyses the whole set of files (the workspace). Never throws on user input. */
  analyze(files: SourceFile[], config: Config, cancel?: CancellationFlag): AnalysisResult {
    void cancel;
    return {
      diagnostics: new Map(files.map((f) => [f.path, []])),
      files: new Map(),
      configErrors: [],
      stats: { files: files.length, tables: 0, statements: 0, ms: 0 },
    };
  }

  /** Markdown hover for the model node at `offset` of `file` (index, index column, FK), from the last analysis. */
  hover(file: string, offset: number): { markdown: string; start: number; end: number } | undefined {
    void file;
    void offset;
    return undefined;
  }
}

export const DEFAULT_CONFIG: Config = {
  dialect: 'auto',
  rules: {},
  migrations: ['**/migrations/**', '**/migration/**', '**/db/migrate/**', '**/V*__*.sql', '**/*.up.sql'],
  exclude: [],
  reportNotAnalysed: false,
};
