/** Text shown to people in both languages the product speaks: Chinese first, English beside it. */
export interface Localized {
  readonly zh: string;
  readonly en: string;
}
