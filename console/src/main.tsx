import { render } from 'preact';
import { App } from './app.tsx';
import './dashboard.css';
import './score-change.css';
import './shell.css';
import './forms.css';
import './pages.css';

// An old console link carried a secret key in the address: it leaves the address and the history unread.
if (/^#key=/.test(location.hash)) history.replaceState(null, '', location.pathname);

render(<App />, document.getElementById('app')!);
