/** IANA time zones for pickers, UTC first. */
export function timeZoneList(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Europe/London'];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}
