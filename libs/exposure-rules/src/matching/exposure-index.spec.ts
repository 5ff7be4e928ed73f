import type { AffectedProductSpec, DeclaredComponentFields } from './affected-product';
import { AdvisoryIndex, ComponentIndex, scanComponents } from './exposure-index';

type Product = AffectedProductSpec & { id: string };
type Component = DeclaredComponentFields & { id: string };

const component = (id: string, fields: Partial<Component>): Component => ({ id, name: id, cpes: [], purls: [], ...fields });

const COMPONENTS: Component[] = [
  component('openssl-1.1.1k', { cpes: ['cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*'], version: '1.1.1k' }),
  component('openssl-vendorless', { cpes: ['cpe:2.3:a:*:openssl:1.1.1k:*:*:*:*:*:*:*'] }),
  component('lodash-4.17.20', { purls: ['pkg:npm/lodash@4.17.20'] }),
  component('lodash-4.17.21', { purls: ['pkg:npm/lodash@4.17.21'] }),
  component('log4j-2.14.1', { purls: ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'], cpes: ['cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*'] }),
  component('mx800-l01', { vendor: 'Philips Medical Systems', name: 'IntelliVue', model: 'MX 800', version: 'L.01' }),
  component('b650', { vendor: 'GE HealthCare', name: 'CARESCAPE B650', version: '2.0.1' }),
  component('kernel-5.10.0', { cpes: ['cpe:2.3:o:linux:linux_kernel:5.10.0:*:*:*:*:*:*:*'] }),
];

// [advisory product, components it must cover (and by what)]
const CASES: [string, Product, [string, string][]][] = [
  ['openssl exact', { id: 'openssl exact', cpe: 'cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*' }, [['openssl-1.1.1k', 'cpe']]],
  ['openssl range', { id: 'openssl range', cpe: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', range: 'vers:generic/>=1.1.1|<1.1.1n' }, [['openssl-1.1.1k', 'cpe']]],
  ['openssl range excludes', { id: 'openssl range excludes', cpe: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', range: 'vers:generic/>=3.0.0|<3.0.7' }, []],
  ['openssl any vendor (guard)', { id: 'openssl any vendor (guard)', cpe: 'cpe:2.3:a:*:openssl:1.1.1k:*:*:*:*:*:*:*' }, []],
  ['lodash below 4.17.21', { id: 'lodash below 4.17.21', purl: 'pkg:npm/lodash', range: 'vers:npm/<4.17.21' }, [['lodash-4.17.20', 'purl']]],
  ['log4shell by purl and cpe', { id: 'log4shell by purl and cpe', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core', cpe: 'cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', range: 'vers:maven/>=2.0-beta9|<2.15.0' }, [['log4j-2.14.1', 'cpe']]],
  ['MX800 before M.00', { id: 'MX800 before M.00', device: { vendor: 'Philips Medical Systems B.V.', model: 'MX800' }, range: 'vers:generic/<M.00' }, [['mx800-l01', 'device']]],
  ['MX800, another vendor name', { id: 'MX800, another vendor name', device: { vendor: 'Philips Medical Systems Nederland B.V.', model: 'MX800' }, range: 'vers:generic/<M.00' }, []],
  ['MX8* any version', { id: 'MX8* any version', device: { vendor: 'Philips Medical Systems', model: 'MX8*' } }, [['mx800-l01', 'device']]],
  ['B650 2.0.1', { id: 'B650 2.0.1', device: { vendor: 'GE Healthcare', product: 'Carescape B650', version: '2.0.1' } }, [['b650', 'device']]],
  ['kernel range', { id: 'kernel range', cpe: 'cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*', range: 'vers:generic/>=5.10|<5.10.1' }, [['kernel-5.10.0', 'cpe']]],
];

describe('exposure indexes', () => {
  it.each(CASES)('advisory index: %s', (_id, product, expected) => {
    const index = new AdvisoryIndex([product]);
    expect(index.match(COMPONENTS).map((match) => [match.component.id, match.by])).toEqual(expected);
  });

  it.each(CASES)('component index: %s', (_id, product, expected) => {
    const index = new ComponentIndex(COMPONENTS);
    const { matches, rejected } = index.match([product]);
    expect(rejected).toEqual([]);
    expect(matches.map((match) => [match.component.id, match.by]).sort()).toEqual([...expected].sort());
  });

  it.each(CASES)('component scan: %s', (_id, product, expected) => {
    const { matches, rejected } = scanComponents([product], COMPONENTS);
    expect(rejected).toEqual([]);
    expect(matches.map((match) => [match.component.id, match.by]).sort()).toEqual([...expected].sort());
  });

  it('the scan finds components whose identifiers are written differently from the advisory', () => {
    const declared = [
      component('pypi-underscore', { purls: ['pkg:pypi/Django_Allauth@0.50.0'] }),
      component('npm-encoded', { purls: ['pkg:npm/%40Scope/Left-Pad@1.0.0'] }),
      component('cpe-uri', { cpes: ['cpe:/a:Open%2dSSL:Open_SSL:1.1.1k'] }),
    ];
    const products: Product[] = [
      { id: 'allauth', purl: 'pkg:pypi/django-allauth', range: 'vers:pypi/<0.54.0' },
      { id: 'left-pad', purl: 'pkg:npm/@scope/left-pad@1.0.0' },
      { id: 'openssl', cpe: 'cpe:2.3:a:open-ssl:open_ssl:1.1.1k:*:*:*:*:*:*:*' },
    ];
    const pairs = (matches: { product: Product; component: Component }[]) => matches.map((match) => `${match.product.id} → ${match.component.id}`).sort();
    expect(pairs(scanComponents(products, declared).matches)).toEqual(['allauth → pypi-underscore', 'left-pad → npm-encoded', 'openssl → cpe-uri']);
    expect(pairs(new ComponentIndex(declared).match(products).matches)).toEqual(pairs(scanComponents(products, declared).matches));
  });

  it('both indexes find the same pairs for all advisories at once', () => {
    const products = CASES.map(([, product]) => product);
    const pairs = (matches: { product: Product; component: Component }[]) => matches.map((match) => `${match.product.id} → ${match.component.id}`).sort();
    expect(pairs(new AdvisoryIndex(products).match(COMPONENTS))).toEqual(pairs(new ComponentIndex(COMPONENTS).match(products).matches));
  });

  it.each<[string, Product, RegExp]>([
    ['bad cpe', { id: 'bad cpe', cpe: 'cpe:2.3:a:x' }, /^cpe must have 13/],
    ['bad purl', { id: 'bad purl', purl: 'pkg:maven/x' }, /^purl a maven purl needs a namespace/],
    ['bad range', { id: 'bad range', purl: 'pkg:npm/x', range: 'vers:npm/>=1' }, /^range "1" is not a npm version/],
    ['nothing', { id: 'nothing', range: 'vers:npm/*' }, /names no CPE, purl or device/],
  ])('refuses a malformed product: %s', (_id, product, message) => {
    const advisories = new AdvisoryIndex([product]);
    expect(advisories.rejected).toEqual([{ product, message: expect.stringMatching(message) }]);
    expect(new ComponentIndex(COMPONENTS).match([product]).rejected).toEqual([{ product, message: expect.stringMatching(message) }]);
  });
});
