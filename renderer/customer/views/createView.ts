import type { FlowState } from '../flow/flowState';
import { captureProblemView } from './captureProblemView';
import { choosingView } from './choosingView';
import { consentView } from './consentView';
import { endedView } from './endedView';
import { keyView } from './keyView';
import { permissionView } from './permissionView';
import { pickerView } from './pickerView';
import { resumeShareView } from './resumeShareView';
import { resumingView } from './resumingView';
import { sharingView } from './sharingView';
import type { View, ViewContext } from './view';

/** The view for a step. Its `update` is only ever called with states of that same step. */
export function createView(context: ViewContext, state: FlowState): View {
  const generic = <S extends FlowState>(view: View<S>) => view as unknown as View;
  switch (state.step) {
    case 'key':
      return generic(keyView(context, state));
    case 'consent':
      return generic(consentView(context, state));
    case 'permission':
      return generic(permissionView(context, state));
    case 'picker':
      return generic(pickerView(context, state));
    case 'choosing':
      return generic(choosingView(context, state));
    case 'capture-problem':
      return generic(captureProblemView(context, state));
    case 'sharing':
      return generic(sharingView(context, state));
    case 'ended':
      return generic(endedView(context, state));
    case 'resuming':
      return generic(resumingView(context, state));
    case 'resume-share':
      return generic(resumeShareView(context, state));
  }
}
