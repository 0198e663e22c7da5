import { api, type Page, type Query } from '@/api/client'
import { careBase } from '@/api/care'

/** care-service `AlertView` and `AlertView.Detail`, as the alert endpoints answer them. */
export type AlertStatus = 'OPEN' | 'ACKNOWLEDGED' | 'ACTING' | 'RESOLVED' | 'CLOSED'
export type AlertLevel = 'GRID' | 'COMMUNITY' | 'STREET' | 'DISTRICT'
export type AlertKind = 'FALL' | 'ILLNESS' | 'NO_ANSWER' | 'HAZARD' | 'MISSED_CONTACT' | 'OTHER'
export type FollowUpMode = 'HOME_VISIT' | 'PHONE' | 'VIDEO' | 'WECHAT'

export const ALERT_STATUSES: AlertStatus[] = ['OPEN', 'ACKNOWLEDGED', 'ACTING', 'RESOLVED', 'CLOSED']
export const ALERT_LEVELS: AlertLevel[] = ['GRID', 'COMMUNITY', 'STREET', 'DISTRICT']
export const ALERT_KINDS: AlertKind[] = ['FALL', 'ILLNESS', 'NO_ANSWER', 'HAZARD', 'MISSED_CONTACT', 'OTHER']
export const FOLLOW_UP_MODES: FollowUpMode[] = ['HOME_VISIT', 'PHONE', 'VIDEO', 'WECHAT']

export interface Alert {
  id: string
  elderId: string
  elderName: string | null
  contractorId: string | null
  kind: AlertKind
  kindName: string
  source: 'WORKER' | 'CADENCE'
  description: string | null
  raisedBy: string | null
  raisedAt: string
  gridCode: string | null
  communityCode: string | null
  streetCode: string | null
  level: AlertLevel
  levelName: string
  levelSince: string
  ackDeadline: string
  overdue: boolean
  reminders: number
  status: AlertStatus
  acknowledgedBy: string | null
  acknowledgedAt: string | null
  acknowledgementNote: string | null
  actingBy: string | null
  actingAt: string | null
  actionNote: string | null
  resolvedBy: string | null
  resolvedAt: string | null
  resolution: string | null
  followUp: { visitedAt: string; mode: FollowUpMode; note: string | null; by: string; recordedAt: string } | null
  version: number
}

export interface TimelineEvent {
  id: string
  kind: string
  level: AlertLevel | null
  at: string
  recordedAt: string
  actor: string | null
  detail: string | null
}

export interface AlertDetail {
  alert: Alert
  timeline: TimelineEvent[]
}

/** The one next step of an alert, as care-service's state machine allows it. */
export type AlertAction = 'acknowledge' | 'act' | 'resolve' | 'follow-up'

export function nextAction(status: AlertStatus): AlertAction | null {
  switch (status) {
    case 'OPEN':
      return 'acknowledge'
    case 'ACKNOWLEDGED':
      return 'act'
    case 'ACTING':
      return 'resolve'
    case 'RESOLVED':
      return 'follow-up'
    default:
      return null
  }
}

export const alertsPath = (tenant: string) => `${careBase(tenant)}/alerts`

export function listAlerts(tenant: string, query: Query): Promise<Page<Alert>> {
  return api.get<Page<Alert>>(alertsPath(tenant), query)
}

export function alertDetail(tenant: string, id: string): Promise<AlertDetail> {
  return api.get<AlertDetail>(`${alertsPath(tenant)}/${id}`)
}

export function perform(tenant: string, id: string, action: AlertAction, body: unknown): Promise<Alert> {
  return api.post<Alert>(`${alertsPath(tenant)}/${id}/${action}`, body)
}
