/**
 * What would raise a person's score (GET /v1/persons/{id}/recourse), for the person panel: the
 * summary, each minimal plan with its changes, and the not-actionable list in short — the
 * network named as "not something they are asked to change". Loaded only on request, since the
 * answer is a logged read of the person's score.
 */
import type { Recourse } from '../api/types.js';
import { h } from '../dom.js';

export function recourseDetails(recourse: Recourse): HTMLElement {
  const network = recourse.notActionable.find((item) => item.kind === 'network');
  return h(
    'div',
    { class: 'recourse', 'data-testid': 'recourse' },
    h('p', {}, recourse.summary),
    recourse.plans.length
      ? h(
          'ol',
          { class: 'plans' },
          recourse.plans.map((plan) =>
            h('li', {}, `${plan.score} (+${plan.points.toFixed(1)} points, within ${plan.months} month${plan.months === 1 ? '' : 's'})`, h('ul', {}, plan.changes.map((change) => h('li', {}, change.text)))),
          ),
        )
      : null,
    network ? h('p', { class: 'muted' }, network.text) : null,
    h(
      'p',
      { class: 'muted' },
      `Not actionable: ${recourse.notActionable.filter((item) => item.kind !== 'network').map((item) => item.label).join(', ')}.`,
    ),
  );
}
