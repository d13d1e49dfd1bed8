/** Entry point of the web client. */
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './styles.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
