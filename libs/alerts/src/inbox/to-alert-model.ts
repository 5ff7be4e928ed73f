import { toStixObjectModel } from '@hub/sharing';
import type { Alert } from './alerts.service';
import { AlertKindValue, type AlertModel } from './dto/alert.types';

export function toAlertModel(alert: Alert): AlertModel {
  return { ...alert, kind: AlertKindValue[alert.kind], object: toStixObjectModel(alert.object) };
}
