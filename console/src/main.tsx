import { render } from 'preact';
import { App } from './app.tsx';
import './dashboard.css';
import './app.css';

render(<App />, document.getElementById('app')!);
