// The model-family layer: which family serves a model ID, and each family's body builder and parsers.
export * from './types';
export { allFamilies, getFamily } from './families';
export { resolveModel, unknownModelMessage, familyChoiceMessage, baseModelIdOf, stripGeoPrefix } from './resolve';
export { extractText, parseRawResponse, createRawStreamParser } from './raw';
export { parseEmbeddings, describeEmbeddings, type Embedding } from './embeddings';
export { parseImages, parseImageBytes, imageFormat, imageError, describeImages, type ImageFormat } from './images';
