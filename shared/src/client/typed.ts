// Requests typed by one template: what `layercast types` declares for it (its `Template`
// interface: `Layers` and `Variables` with the template's names as keys) narrows the
// client's `layers` and `variables`, so a misspelt layer name or a wrong property type
// fails to compile. Without a type argument every request is typed as before.

/** The part of a `layercast types` file the client reads: overrides and variables by name. */
export interface TemplateContract {
  layers: object;
  variables: object;
}

declare const anyTemplate: unique symbol;

/** The default type argument: any template, layer and variable names unknown. */
export interface AnyTemplate extends TemplateContract {
  readonly [anyTemplate]: true;
}

/**
 * `Request` with `layers` and `variables` as `Contract` declares them; `Request` itself for
 * `AnyTemplate`. A generated `Layers` has only optional members, so an unknown name in an
 * object literal is an excess property and a wrong value type is a mismatch.
 */
export type ForTemplate<Request, Contract extends TemplateContract> = Contract extends AnyTemplate
  ? Request
  : Omit<Request, 'layers' | 'variables'> & { layers?: Contract['layers']; variables?: Contract['variables'] };
