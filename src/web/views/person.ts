/**
 * Person view: search a person by id, draw their ego network (depth 1 or 2), show the score,
 * dimensions and reason codes of the node picked, and run the what-if "these persons default":
 * the reached nodes are labelled with their delta and a sortable table lists everyone the API
 * reports (all pages of POST /v1/contagion/simulate), with delta points and hops.
 */
import { ApiError } from '../api/client.js';
import type { ContagionResult, EgoNetwork, PersonScore, Recourse } from '../api/types.js';
import type { AppContext, MountedView } from '../app-context.js';
import { affectedTable } from '../components/affected-table.js';
import { bandLegend } from '../components/band-legend.js';
import { mountEgoGraph, type EgoGraphView } from '../components/ego-graph.js';
import { egoNodeList, type EgoNodeList } from '../components/ego-node-list.js';
import { personDetails } from '../components/person-details.js';
import { recourseDetails } from '../components/recourse-details.js';
import { scoreHistory } from '../components/score-history.js';
import { h, replaceChildren } from '../dom.js';
import { formatCount, formatDelta } from '../format.js';
import { personHash, type PersonRoute } from '../routes.js';
import { emptyState, errorState, loadingState } from '../status.js';

const MAX_NODES_CHOICES = [25, 50, 100, 200];
const DEFAULT_THRESHOLD = 0.1;

export function mountPerson(container: HTMLElement, ctx: AppContext, route: PersonRoute): MountedView {
  const input = h('input', { id: 'person-id', name: 'person', type: 'search', required: true, autocomplete: 'off', spellcheck: 'false', value: route.personId ?? '', 'aria-describedby': 'person-id-hint' });
  const depth = h('select', { id: 'depth', name: 'depth' }, h('option', { value: '1' }, '1 — contacts'), h('option', { value: '2' }, '2 — contacts of contacts'));
  depth.value = String(route.depth);
  // A link may ask for a size the menu does not offer: offer it too, so the menu shows what is drawn.
  const sizes = [...new Set([...MAX_NODES_CHOICES, route.maxNodes])].sort((a, b) => a - b);
  const maxNodes = h('select', { id: 'max-nodes', name: 'max' }, sizes.map((n) => h('option', { value: n }, String(n))));
  maxNodes.value = String(route.maxNodes);
  const form = h(
    'form',
    { class: 'search', role: 'search', 'aria-label': 'Find a person' },
    h('div', { class: 'field' }, h('label', { for: 'person-id' }, 'Person id'), input, h('small', { id: 'person-id-hint' }, 'e.g. p0042')),
    h('div', { class: 'field' }, h('label', { for: 'depth' }, 'Depth'), depth),
    h('div', { class: 'field' }, h('label', { for: 'max-nodes' }, 'At most'), maxNodes),
    h('button', { type: 'submit', class: 'primary' }, 'Show network'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const personId = input.value.trim();
    if (!personId) return;
    ctx.navigate(personHash({ personId, depth: depth.value === '2' ? 2 : 1, maxNodes: Number(maxNodes.value) }));
  });
  const result = h('div', { class: 'person-result' });
  replaceChildren(container, h('h1', {}, 'Person'), form, result);

  if (!route.personId) {
    replaceChildren(result, emptyState('Enter a person id to see their network, their score and what their default would do.'));
    input.focus();
    return {};
  }
  const session = new PersonSession(ctx, result, { ...route, personId: route.personId });
  void session.load();
  return { unmount: () => session.destroy() };
}

/** The state of one opened person: the network, the picked node, the shock set, the what-if. */
class PersonSession {
  private graph: EgoGraphView | undefined;
  private list: EgoNodeList | undefined;
  private readonly shockSet = new Set<string>();
  private selected: string | undefined;
  private destroyed = false;
  private readonly details = h('div', { class: 'details-body', 'aria-live': 'polite' });
  private readonly shockChips = h('ul', { class: 'chips', 'aria-label': 'Persons who default in the what-if' });
  private readonly simulateButton = h('button', { type: 'button', class: 'primary', 'data-testid': 'simulate' }, 'Simulate default');
  private readonly threshold = h('input', { id: 'threshold', type: 'number', min: 0.01, max: 100, step: 0.01, value: DEFAULT_THRESHOLD });
  private readonly whatIfResult = h('div', { class: 'what-if-result', 'aria-live': 'polite', 'data-testid': 'what-if-result' });

  constructor(
    private readonly ctx: AppContext,
    private readonly container: HTMLElement,
    private readonly route: PersonRoute & { personId: string },
  ) {}

  async load(): Promise<void> {
    const { ctx, route } = this;
    replaceChildren(this.container, loadingState(`the network of ${route.personId}`));
    let network: EgoNetwork;
    try {
      network = await ctx.api.get<EgoNetwork>(`/v1/persons/${encodeURIComponent(route.personId)}/network?depth=${route.depth}&maxNodes=${route.maxNodes}`);
    } catch (error) {
      ctx.handleError(error);
      const unknown = error instanceof ApiError && error.kind === 'not-found';
      replaceChildren(this.container, errorState(error, unknown ? `person "${route.personId}"` : undefined));
      return;
    }
    if (this.destroyed) return;
    this.render(network);
    ctx.announce(`Network of ${route.personId}: ${network.nodes.length} persons.`);
  }

  destroy(): void {
    this.destroyed = true;
    this.graph?.destroy();
  }

  private render(network: EgoNetwork): void {
    const ego = network.attributes.ego;
    const canvas = h('div', { class: 'graph', role: 'img', 'data-testid': 'ego-graph' });
    this.list = egoNodeList(network, { onSelect: (key) => void this.select(key) });
    this.shockSet.add(ego);
    this.simulateButton.addEventListener('click', () => void this.simulate());
    replaceChildren(
      this.container,
      h(
        'div',
        { class: 'person-layout' },
        h(
          'section',
          { class: 'panel graph-panel', 'aria-labelledby': 'network-title' },
          h('h2', { id: 'network-title' }, `Network of ${ego}`),
          canvas,
          h('p', { class: 'muted' }, 'Colour: band. Size: influence (points their default would move). Line width: contact weight. Inner ring: contacts; outer ring: contacts of contacts.'),
          bandLegend({ withNoScore: true }),
        ),
        h('section', { class: 'panel', 'aria-labelledby': 'nodes-title' }, h('h2', { id: 'nodes-title' }, `Persons (${network.nodes.length})`), this.list.element),
        h('section', { class: 'panel', 'aria-labelledby': 'details-title' }, h('h2', { id: 'details-title' }, 'Selected person'), this.details),
      ),
      h(
        'section',
        { class: 'panel what-if', 'aria-labelledby': 'what-if-title' },
        h('h2', { id: 'what-if-title' }, 'What if they default?'),
        h('p', { class: 'muted' }, 'Adds a default to each listed person\'s record today and shows whose score moves, by how much and how many hops away.'),
        this.shockChips,
        h('div', { class: 'what-if-controls' }, h('div', { class: 'field' }, h('label', { for: 'threshold' }, 'Show moves of at least (points)'), this.threshold), this.simulateButton),
        this.whatIfResult,
      ),
    );
    this.graph = mountEgoGraph(canvas, network, { onSelect: (key) => void this.select(key) });
    this.renderShockSet();
    void this.select(ego);
  }

  private async select(key: string): Promise<void> {
    this.selected = key;
    this.graph?.select(key);
    this.list?.select(key);
    replaceChildren(this.details, loadingState(`the score of ${key}`));
    try {
      const score = await this.ctx.api.get<PersonScore>(`/v1/persons/${encodeURIComponent(key)}/score`);
      if (this.selected !== key || this.destroyed) return;
      const inSet = this.shockSet.has(key);
      const toggle = h('button', { type: 'button', 'data-testid': 'toggle-shock', 'aria-pressed': String(inSet) }, inSet ? 'Remove from the what-if' : 'Add to the what-if');
      toggle.addEventListener('click', () => {
        if (this.shockSet.has(key)) this.shockSet.delete(key);
        else this.shockSet.add(key);
        this.renderShockSet();
        void this.select(key);
      });
      const open = key === this.route.personId ? null : h('a', { href: personHash({ ...this.route, personId: key }), class: 'button' }, `Open ${key}'s network`);
      // Recourse is a logged read of the score, so it is fetched only when asked for.
      const recourse = h('div', {});
      const why = h('button', { type: 'button', 'data-testid': 'show-recourse' }, 'What would raise this score?');
      why.addEventListener('click', () => void this.showRecourse(key, recourse));
      replaceChildren(this.details, h('h3', {}, key), personDetails(score), h('h4', {}, 'Score history'), scoreHistory(this.ctx, key), h('div', { class: 'actions' }, toggle, why, open), recourse);
    } catch (error) {
      this.ctx.handleError(error);
      if (this.selected === key) replaceChildren(this.details, h('h3', {}, key), errorState(error, `score for ${key}`));
    }
  }

  private async showRecourse(key: string, into: HTMLElement): Promise<void> {
    replaceChildren(into, loadingState(`what would raise the score of ${key}`));
    try {
      const recourse = await this.ctx.api.get<Recourse>(`/v1/persons/${encodeURIComponent(key)}/recourse`);
      if (this.selected !== key || this.destroyed) return;
      replaceChildren(into, h('h4', {}, 'What would raise this score'), recourseDetails(recourse));
    } catch (error) {
      this.ctx.handleError(error);
      if (this.selected === key) replaceChildren(into, errorState(error, `recourse for ${key}`));
    }
  }

  private renderShockSet(): void {
    replaceChildren(
      this.shockChips,
      [...this.shockSet].map((id) => {
        const remove = h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${id} from the what-if` }, '×');
        remove.addEventListener('click', () => {
          this.shockSet.delete(id);
          this.renderShockSet();
          if (this.selected) void this.select(this.selected);
        });
        return h('li', { class: 'chip' }, id, remove);
      }),
    );
    if (this.shockSet.size === 0) this.shockChips.append(h('li', { class: 'muted' }, 'Nobody yet: pick a person and choose "Add to the what-if".'));
    const n = this.shockSet.size;
    this.simulateButton.textContent = n === 1 ? `Simulate default of ${[...this.shockSet][0]}` : `Simulate default of ${n} persons`;
    this.simulateButton.disabled = n === 0;
  }

  private async simulate(): Promise<void> {
    const threshold = Number(this.threshold.value);
    if (!(threshold >= 0.01 && threshold <= 100)) {
      replaceChildren(this.whatIfResult, errorState(new ApiError('invalid', 'the threshold must be between 0.01 and 100 points')));
      this.threshold.focus();
      return;
    }
    const shocked = [...this.shockSet];
    this.simulateButton.disabled = true;
    this.whatIfResult.setAttribute('aria-busy', 'true');
    replaceChildren(this.whatIfResult, loadingState('the what-if'));
    try {
      const result = await this.ctx.api.simulateAll({ shocks: shocked.map((personId) => ({ personId, ownScore: 'default' })), threshold });
      if (this.destroyed) return;
      this.showResult(result, new Set(shocked), threshold);
    } catch (error) {
      this.ctx.handleError(error);
      replaceChildren(this.whatIfResult, errorState(error, 'such person in the published run'));
      this.graph?.showWhatIf(undefined);
      this.list?.showWhatIf(undefined);
    } finally {
      this.simulateButton.disabled = this.shockSet.size === 0;
      this.whatIfResult.removeAttribute('aria-busy');
    }
  }

  private showResult(result: ContagionResult, shocked: Set<string>, threshold: number): void {
    const overlay = { deltas: new Map(result.affected.map((a) => [a.personId, a.deltaPoints])), shocked };
    this.graph?.showWhatIf(overlay);
    this.list?.showWhatIf(overlay);
    const own = result.shocks.map((s) => `${s.personId} ${formatDelta(s.deltaPoints)}`).join(', ');
    const others = result.affected.filter((a) => !shocked.has(a.personId)).length;
    const summary =
      `The default itself costs ${own} points. ${formatCount(result.total)} persons move by at least ${threshold} points` +
      (result.affected.length < result.total ? ` (the first ${formatCount(result.affected.length)} are listed)` : '') +
      `, ${formatCount(others)} of them besides the ${shocked.size === 1 ? 'person' : 'persons'} defaulting.` +
      (result.complete ? '' : ` The push stopped at its budget: moves are exact to ±${result.errorBoundPoints} points.`);
    replaceChildren(
      this.whatIfResult,
      h('p', { 'data-testid': 'what-if-summary' }, summary),
      result.affected.length
        ? affectedTable(result.affected, `Affected persons, largest move first (run ${result.runId})`)
        : emptyState(`Nobody's score moves by ${threshold} points or more.`),
    );
    this.ctx.announce(`What-if done: ${result.total} persons move by at least ${threshold} points.`);
  }
}
