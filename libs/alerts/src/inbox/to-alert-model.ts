import { toStixObjectModel } from '@hub/sharing';
import type { Alert } from './alerts.service';
import type { AlertModel } from './dto/alert.types';

export function toAlertModel(alert: Alert): AlertModel {
  return { ...alert, object: toStixObjectModel(alert.object) };
}
