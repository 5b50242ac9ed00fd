export { JsonLdScript } from '../components/JsonLdScript'
