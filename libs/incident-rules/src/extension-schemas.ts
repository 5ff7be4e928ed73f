// What validateObject of @hub/stix needs to check the Incident Core suite and the patient-care extension on
// every submission path (GraphQL, TAXII, imports): the hub passes these schemas with each validation.
import { extensionValidation, type ExtensionSchemas } from '@hub/stix';
import {
  EVENT_EXTENSION_ID,
  IMPACT_CATEGORY_SCHEMAS,
  IMPACT_EXTENSION_ID,
  INCIDENT_CORE_EXTENSION_ID,
  incidentCoreExtensionSchema,
  eventSchema,
  impactSchema,
  TASK_EXTENSION_ID,
  taskSchema,
} from './incident-core';
import { PATIENT_CARE_EXTENSION_ID, patientCareExtensionSchema } from './patient-care';

export const INCIDENT_EXTENSION_SCHEMAS: ExtensionSchemas = {
  propertyExtensions: {
    [INCIDENT_CORE_EXTENSION_ID]: { ownerTypes: ['incident'], schema: incidentCoreExtensionSchema },
    [PATIENT_CARE_EXTENSION_ID]: { ownerTypes: ['incident'], schema: patientCareExtensionSchema },
    // The new-SDO declarations: their objects' own schemas check the rest.
    [IMPACT_EXTENSION_ID]: { ownerTypes: ['impact'] },
    [EVENT_EXTENSION_ID]: { ownerTypes: ['event'] },
    [TASK_EXTENSION_ID]: { ownerTypes: ['task'] },
  },
  objectTypes: {
    event: { schema: eventSchema },
    impact: { schema: impactSchema, ownExtensions: Object.keys(IMPACT_CATEGORY_SCHEMAS) },
    task: { schema: taskSchema },
  },
};

/** Ready to pass as `validateObject(object, path, { extensions: INCIDENT_EXTENSIONS })`. */
export const INCIDENT_EXTENSIONS = extensionValidation(INCIDENT_EXTENSION_SCHEMAS);
