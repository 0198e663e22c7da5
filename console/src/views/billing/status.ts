/** Tag colours of a claim's status (the text is always the service's `statusName`). */
export function statusTag(status: string): 'success' | 'warning' | 'danger' | 'info' | 'primary' {
  switch (status) {
    case 'SUBMITTED':
      return 'warning'
    case 'APPROVED':
      return 'success'
    case 'PARTLY_APPROVED':
      return 'primary'
    case 'REJECTED':
      return 'danger'
    default:
      return 'info'
  }
}
