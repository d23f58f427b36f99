/**
 * One opened person: the drawn network (ego-graph.ts) with its layout controls, the keyboard
 * list of its persons, the picked person's score (and, on request, their recourse and their
 * contacts' contributions), expanding a node's contacts, and the what-if (what-if-panel.ts).
 * Wherever the drawing is capped it says "showing N of M".
 */
import { ApiError } from '../api/client.js';
import type { ContagionResult, EgoNetwork, Explanation, PersonScore, Recourse } from '../api/types.js';
import type { AppContext } from '../app-context.js';
import { bandLegend } from '../components/band-legend.js';
import { contributionsTable } from '../components/contributions-table.js';
import { countByHops, kindsDrawn } from '../components/display-graph.js';
import { edgeLegend } from '../components/edge-legend.js';
import { mountEgoGraph, type EgoGraphView, type WhatIfOverlay } from '../components/ego-graph.js';
import { egoNodeList, type EgoNodeList } from '../components/ego-node-list.js';
import { graphToolbar, type GraphToolbar } from '../components/graph-toolbar.js';
import { impactLegend } from '../components/impact-legend.js';
import { pathFinder, type PathFinder } from '../components/path-finder.js';
import { personDetails } from '../components/person-details.js';
import { recourseDetails } from '../components/recourse-details.js';
import { scoreHistory } from '../components/score-history.js';
import { whatIfPanel, type WhatIfPanel } from '../components/what-if-panel.js';
import { h, replaceChildren } from '../dom.js';
import { formatCount } from '../format.js';
import { personHash, type PersonRoute } from '../routes.js';
import { errorState, loadingState } from '../status.js';

/** Contacts an expansion asks for beyond those of the node already drawn (the strongest first). */
const EXPAND_MORE = 20;
/** The API's maxNodes bound. */
const MAX_NODES = 500;

export class PersonSession {
  private graph: EgoGraphView | undefined;
  private list: EgoNodeList | undefined;
  private toolbar: GraphToolbar | undefined;
  private whatIf: WhatIfPanel | undefined;
  private paths: PathFinder | undefined;
  private selected: string | undefined;
  private destroyed = false;
  private readonly details = h('div', { class: 'details-body', 'aria-live': 'polite' });
  private readonly caption = h('p', { class: 'graph-cap', 'data-testid': 'network-cap' });
  private readonly legends = h('div', { class: 'graph-legends' });
  private readonly listTitle = h('h2', { id: 'nodes-title' });
  private network: EgoNetwork | undefined;

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
    this.network = network;
    this.render(network);
    ctx.announce(`Network of ${route.personId}: ${network.nodes.length} persons. ${this.caption.textContent}`);
  }

  destroy(): void {
    this.destroyed = true;
    this.graph?.destroy();
  }

  private render(network: EgoNetwork): void {
    const ego = network.attributes.ego;
    const canvas = h('div', { class: 'graph', role: 'img', 'data-testid': 'ego-graph' });
    this.list = egoNodeList(
      network.nodes.map(({ key, attributes }) => ({ key, ...attributes })),
      { onSelect: (key) => void this.select(key) },
    );
    this.toolbar = graphToolbar(() => this.graph, { onLayout: (kind) => this.graph?.setLayout(kind) });
    this.whatIf = whatIfPanel(this.ctx, {
      onResult: (overlay, result) => this.showWhatIf(overlay, result),
      onShockSetChange: () => this.selected && void this.select(this.selected),
    });
    this.paths = pathFinder(this.ctx, ego, {
      onPath: (path) => {
        const added = this.graph?.showPath(path) ?? [];
        if (added.length) {
          const graph = this.graph!.graph;
          this.list?.add(added.map((id) => ({ key: id, ...graph.getNodeAttributes(id) })));
          this.describeCap();
        }
      },
    });
    this.whatIf.shockSet.add(ego);
    this.whatIf.renderShockSet();
    replaceChildren(
      this.container,
      h(
        'div',
        { class: 'person-layout' },
        h(
          'section',
          { class: 'panel graph-panel', 'aria-labelledby': 'network-title' },
          h('h2', { id: 'network-title' }, `Network of ${ego}`),
          this.caption,
          this.toolbar.element,
          canvas,
          this.legends,
          this.paths.element,
        ),
        h('section', { class: 'panel', 'aria-labelledby': 'nodes-title' }, this.listTitle, this.list.element),
        h('section', { class: 'panel', 'aria-labelledby': 'details-title' }, h('h2', { id: 'details-title' }, 'Selected person'), this.details),
      ),
      this.whatIf.element,
    );
    this.graph = mountEgoGraph(canvas, network, {
      layout: 'force',
      onSelect: (key) => void this.select(key),
      onExpand: (key) => void this.expand(key),
      onChange: () => this.toolbar?.update(),
    });
    this.showWhatIf(undefined);
    this.describeCap();
    void this.select(ego);
  }

  /** "Showing N of M contacts (and contacts of contacts)", from the API's totals. */
  private describeCap(): void {
    const network = this.network!;
    const counts = this.graph ? countByHops(this.graph.graph) : [];
    const { contactsTotal, secondHopTotal } = network.attributes;
    const contacts = counts[1] ?? 0;
    let text = `Showing ${formatCount(contacts)} of ${formatCount(contactsTotal)} contacts`;
    if (secondHopTotal !== undefined) text += ` and ${formatCount(counts[2] ?? 0)} of ${formatCount(secondHopTotal)} contacts of contacts`;
    const further = counts.slice(3).reduce((sum, n) => sum + n, 0);
    if (further) text += `, plus ${formatCount(further)} added by expanding or a path`;
    const capped = contacts < contactsTotal || (secondHopTotal !== undefined && (counts[2] ?? 0) < secondHopTotal);
    this.caption.textContent = `${text}.${capped ? ' The strongest ties are drawn; raise "At most" or expand a node to see more.' : ''}`;
    this.listTitle.textContent = `Persons (${formatCount(this.graph?.graph.order ?? network.nodes.length)} shown)`;
  }

  private showWhatIf(overlay: WhatIfOverlay | undefined, result?: ContagionResult): void {
    this.graph?.showWhatIf(overlay);
    this.list?.showWhatIf(overlay);
    const maxMove = Math.max(0, ...[...(overlay?.deltas ?? [])].filter(([key]) => !overlay!.shocked.has(key)).map(([, delta]) => Math.abs(delta)));
    const kinds = this.graph ? kindsDrawn(this.graph.graph) : new Set<never>();
    replaceChildren(
      this.legends,
      overlay && result ? impactLegend(maxMove) : [bandLegend({ withNoScore: true }), h('p', { class: 'muted' }, 'Colour: band. Size: influence (points lost in all under "own score to 0").')],
      edgeLegend(kinds),
      h('p', { class: 'muted' }, 'Line width: contact weight. Drag to pin, double-click to expand, scroll to zoom (more labels show as you zoom in).'),
    );
  }

  private async expand(key: string): Promise<void> {
    if (!this.graph) return;
    try {
      // The strongest contacts come first and are often drawn already: ask for that many more.
      const maxNodes = Math.min(MAX_NODES, this.graph.graph.degree(key) + 1 + EXPAND_MORE);
      const more = await this.ctx.api.get<EgoNetwork>(`/v1/persons/${encodeURIComponent(key)}/network?depth=1&maxNodes=${maxNodes}`);
      if (this.destroyed) return;
      const added = this.graph.expand(more, key);
      const graph = this.graph.graph;
      this.list?.add(added.map((id) => ({ key: id, ...graph.getNodeAttributes(id) })));
      this.describeCap();
      this.showWhatIf(undefined);
      const shown = graph.degree(key);
      this.ctx.announce(`Expanded ${key}: ${added.length} persons added; showing ${shown} of ${more.attributes.contactsTotal} contacts of ${key}.`);
      if (this.selected === key) void this.select(key);
    } catch (error) {
      this.ctx.handleError(error);
      replaceChildren(this.details, h('h3', {}, key), errorState(error, `network of ${key}`));
    }
  }

  private async select(key: string): Promise<void> {
    this.selected = key;
    this.paths?.setTarget(key);
    this.graph?.select(key);
    this.list?.select(key);
    replaceChildren(this.details, loadingState(`the score of ${key}`));
    try {
      const score = await this.ctx.api.get<PersonScore>(`/v1/persons/${encodeURIComponent(key)}/score`);
      if (this.selected !== key || this.destroyed) return;
      const shockSet = this.whatIf!.shockSet;
      const inSet = shockSet.has(key);
      const toggle = h('button', { type: 'button', 'data-testid': 'toggle-shock', 'aria-pressed': String(inSet) }, inSet ? 'Remove from the what-if' : 'Add to the what-if');
      toggle.addEventListener('click', () => {
        if (shockSet.has(key)) shockSet.delete(key);
        else shockSet.add(key);
        this.whatIf!.renderShockSet();
        void this.select(key);
      });
      const graph = this.graph?.graph;
      const total = graph?.hasNode(key) ? graph.getNodeAttribute(key, 'contactsTotal') : undefined;
      const drawn = graph?.hasNode(key) ? graph.degree(key) : 0;
      const expand = h('button', { type: 'button', 'data-testid': 'expand' }, 'Expand contacts');
      expand.addEventListener('click', () => void this.expand(key));
      const contacts = h('p', { class: 'muted', 'data-testid': 'contacts-shown' }, total === undefined ? `${drawn} contacts drawn.` : `Showing ${drawn} of ${formatCount(total)} contacts.`);
      const open = key === this.route.personId ? null : h('a', { href: personHash({ ...this.route, personId: key }), class: 'button' }, `Open ${key}'s network`);
      // Recourse and the explanation are logged reads, so they are fetched only when asked for.
      const more = h('div', {});
      const why = h('button', { type: 'button', 'data-testid': 'show-recourse' }, 'What would raise this score?');
      why.addEventListener('click', () => void this.showExtra(key, more, 'recourse'));
      const contributions = h('button', { type: 'button', 'data-testid': 'show-contributions' }, 'Contacts\' contributions');
      contributions.addEventListener('click', () => void this.showExtra(key, more, 'explanation'));
      replaceChildren(
        this.details,
        h('h3', {}, key),
        personDetails(score),
        h('h4', {}, 'Score history'),
        scoreHistory(this.ctx, key),
        contacts,
        h('div', { class: 'actions' }, toggle, expand, why, contributions, open),
        more,
      );
    } catch (error) {
      this.ctx.handleError(error);
      if (this.selected === key) replaceChildren(this.details, h('h3', {}, key), errorState(error, `score for ${key}`));
    }
  }

  private async showExtra(key: string, into: HTMLElement, what: 'recourse' | 'explanation'): Promise<void> {
    replaceChildren(into, loadingState(what === 'recourse' ? `what would raise the score of ${key}` : `the contributions of ${key}'s contacts`));
    try {
      const path = `/v1/persons/${encodeURIComponent(key)}/${what}`;
      const body =
        what === 'recourse'
          ? [h('h4', {}, 'What would raise this score'), recourseDetails(await this.ctx.api.get<Recourse>(path))]
          : [h('h4', {}, 'Contacts\' contributions'), contributionsTable(await this.ctx.api.get<Explanation>(path))];
      if (this.selected !== key || this.destroyed) return;
      replaceChildren(into, body);
    } catch (error) {
      this.ctx.handleError(error);
      if (this.selected === key) replaceChildren(into, errorState(error, `${what} for ${key}`));
    }
  }
}
