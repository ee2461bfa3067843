// What the settings flow stores: a person's own preferences.
export interface SettingsStore {
  /** Person.promptsOff: reflection prompts, reminders to reflect and programme nudges are not sent. */
  promptsOff(personId: string): Promise<boolean>;
  setPromptsOff(personId: string, off: boolean): Promise<void>;
}
