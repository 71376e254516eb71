import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation, useNavigate, useParams, Link } from 'react-router-dom';
import { App as AntApp, Badge, Button, ConfigProvider, Grid, Layout, Menu, Modal, Result, Segmented, Select, Space, Spin, Typography } from 'antd';
import {
  ApiOutlined, AppstoreOutlined, AuditOutlined, CalendarOutlined, CheckSquareOutlined, EditOutlined, FlagOutlined,
  KeyOutlined, LogoutOutlined, NodeIndexOutlined, PictureOutlined, ProfileOutlined, TeamOutlined, UserOutlined,
} from '@ant-design/icons';
import { I18nProvider, useI18n } from './i18n';
import { LOCALES } from './locales';
import { SessionProvider, useSession } from './session';
import { LoginForm } from './LoginForm';
import { NotFound } from './common';
import type { MessageKey } from './messages';
import type { Role } from './api';
import { canApprove, useAwaitingCount } from './approval';

const ChannelsPage = lazy(() => import('./pages/ChannelsPage'));
const MembersPage = lazy(() => import('./pages/MembersPage'));
const TokensPage = lazy(() => import('./pages/TokensPage'));
const UsersPage = lazy(() => import('./pages/UsersPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const PluginsPage = lazy(() => import('./pages/PluginsPage'));
const PostsPage = lazy(() => import('./pages/PostsPage'));
const ComposePage = lazy(() => import('./pages/ComposePage'));
const CalendarPage = lazy(() => import('./pages/CalendarPage'));
const MediaPage = lazy(() => import('./pages/MediaPage'));
const CampaignsPage = lazy(() => import('./pages/CampaignsPage'));
const CampaignPage = lazy(() => import('./pages/CampaignPage'));
const ApprovalsPage = lazy(() => import('./pages/ApprovalsPage'));
const ApprovalPolicyPage = lazy(() => import('./pages/ApprovalPolicyPage'));

function Loading() {
  const { t } = useI18n();
  return (
    <div style={{ padding: 64, textAlign: 'center' }} aria-busy="true">
      <Spin size="large" tip={t('common.loading')}>
        <div style={{ minHeight: 40 }} />
      </Spin>
    </div>
  );
}

function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <Segmented
      aria-label={t('nav.language')}
      data-testid="language"
      size="small"
      value={language}
      onChange={(value) => setLanguage(value as 'zh' | 'en')}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}

const ADMIN_ROLES: Role[] = ['ADMIN', 'MANAGER'];

interface NavItem {
  key: string;
  icon: ReactNode;
  label: MessageKey;
  show: boolean;
  badge?: number;
}

function Shell() {
  const { t } = useI18n();
  const { info, workspaces, logout } = useSession();
  const { ws } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);

  const workspace = workspaces.find((w) => w.slug === ws || w.id === ws);
  const role = workspace && info ? info.roles[workspace.id] : undefined;
  const manages = !!info?.systemAdmin || (!!role && ADMIN_ROLES.includes(role));
  const section = location.pathname.split('/')[ws ? 3 : 1] ?? '';
  const approves = !!workspace && canApprove(info, role);
  const awaiting = useAwaitingCount(workspace ? `/workspaces/${encodeURIComponent(workspace.slug)}` : undefined, approves);

  const items: NavItem[] = [
    { key: 'channels', icon: <ApiOutlined />, label: 'nav.channels', show: !!workspace },
    { key: 'compose', icon: <EditOutlined />, label: 'nav.compose', show: !!workspace },
    { key: 'posts', icon: <ProfileOutlined />, label: 'nav.posts', show: !!workspace },
    { key: 'calendar', icon: <CalendarOutlined />, label: 'nav.calendar', show: !!workspace },
    { key: 'campaigns', icon: <FlagOutlined />, label: 'nav.campaigns', show: !!workspace },
    { key: 'media', icon: <PictureOutlined />, label: 'nav.media', show: !!workspace },
    { key: 'approvals', icon: <CheckSquareOutlined />, label: 'nav.approvals', show: approves, badge: awaiting },
    { key: 'members', icon: <TeamOutlined />, label: 'nav.members', show: !!workspace && manages },
    { key: 'tokens', icon: <KeyOutlined />, label: 'nav.tokens', show: !!workspace && manages },
    { key: 'audit', icon: <AuditOutlined />, label: 'nav.audit', show: !!workspace && manages },
    { key: 'approval-policy', icon: <NodeIndexOutlined />, label: 'nav.approvalPolicy', show: !!workspace && (!!info?.systemAdmin || role === 'ADMIN') },
  ];
  const adminItems: NavItem[] = [
    { key: 'admin/users', icon: <UserOutlined />, label: 'nav.users', show: !!info?.systemAdmin },
    { key: 'admin/audit', icon: <AuditOutlined />, label: 'nav.audit', show: !!info?.systemAdmin },
    { key: 'plugins', icon: <AppstoreOutlined />, label: 'nav.plugins', show: true },
  ];
  const current = workspace ? workspace.slug : workspaces[0]?.slug;
  const selected = location.pathname.startsWith('/admin/') ? location.pathname.slice(1) : section;

  const menuItems = [
    ...items.filter((i) => i.show).map((i) => ({
      key: i.key,
      icon: i.icon,
      label: (
        <Link to={`/w/${current}/${i.key}`}>
          {t(i.label)}
          {i.badge ? <Badge count={i.badge} overflowCount={99} size="small" offset={[6, -2]} data-testid={`badge-${i.key}`} /> : null}
        </Link>
      ),
    })),
    {
      type: 'group' as const,
      key: 'admin',
      label: collapsed ? null : t('nav.admin'),
      children: adminItems.filter((i) => i.show).map((i) => ({ key: i.key, icon: i.icon, label: <Link to={`/${i.key}`}>{t(i.label)}</Link> })),
    },
  ];

  const switchWorkspace = (slug: string) => {
    const rest = ws ? location.pathname.split('/').slice(3).join('/') : 'channels';
    navigate(`/w/${slug}/${rest || 'channels'}`);
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="sw-skip">{t('app.skip')}</a>
      <Layout.Sider
        breakpoint="lg"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        collapsedWidth={screens.md ? 64 : 0}
        theme="light"
        width={208}
        style={{ borderRight: '1px solid #f0f0f0' }}
        aria-label="SocialWeave"
      >
        <div style={{ height: 56, display: 'flex', alignItems: 'center', padding: '0 20px', fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap', overflow: 'hidden' }}>
          <img src="/favicon.svg" alt="" width={24} height={24} style={{ marginRight: 10 }} />
          {collapsed ? null : 'SocialWeave'}
        </div>
        <nav aria-label={t('nav.workspace')}>
          <Menu mode="inline" selectedKeys={[selected]} items={menuItems} style={{ borderInlineEnd: 0 }} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, borderBottom: '1px solid #f0f0f0', flexWrap: 'wrap', height: 'auto', minHeight: 56, lineHeight: '56px' }}>
          <Space wrap>
            {workspaces.length > 0 ? (
              <Select
                aria-label={t('nav.workspace')}
                data-testid="workspace-switcher"
                value={current}
                onChange={switchWorkspace}
                style={{ minWidth: 200 }}
                options={workspaces.map((w) => ({ value: w.slug, label: w.name }))}
              />
            ) : null}
          </Space>
          <Space wrap>
            <LanguageSwitch />
            <Typography.Text type="secondary" aria-label={t('login.as', { name: info?.username ?? '' })}>
              <UserOutlined /> {info?.username}
            </Typography.Text>
            <Button icon={<LogoutOutlined />} onClick={() => logout().then(() => navigate('/login'))}>
              {screens.sm ? t('nav.logout') : null}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} style={{ padding: screens.md ? 24 : 12, outline: 'none' }}>
          {!workspace && ws ? <NotFound /> : null}
          {workspaces.length === 0 && !location.pathname.startsWith('/admin') && location.pathname !== '/plugins' ? (
            <Result status="info" title={t('nav.noWorkspace')} />
          ) : null}
          <Suspense fallback={<Loading />}>{!ws || workspace ? <Outlet /> : null}</Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Signed-in routes; the login page for anyone else, who comes back to where they wanted to go. */
function RequireSession() {
  const { info } = useSession();
  const location = useLocation();
  if (info === undefined) return <Loading />;
  if (info === null) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Shell />;
}

function Home() {
  const { workspaces } = useSession();
  if (workspaces.length === 0) return null;
  return <Navigate to={`/w/${workspaces[0].slug}/channels`} replace />;
}

function LoginPage() {
  const { t } = useI18n();
  const { info } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const next = new URLSearchParams(location.search).get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
  useEffect(() => {
    document.title = `${t('login.title')}`;
  }, [t]);
  if (info) return <Navigate to={target} replace />;
  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f7fa', padding: 16 }}>
      <div style={{ width: 360, maxWidth: '100%', background: '#fff', padding: 32, borderRadius: 12, boxShadow: '0 6px 24px rgba(0,0,0,.08)' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 24 }}>
          <h1 style={{ margin: 0, fontSize: 20 }}>{t('login.title')}</h1>
          <LanguageSwitch />
        </div>
        <LoginForm onDone={() => navigate(target, { replace: true })} />
      </div>
    </main>
  );
}

/** Opens over the current screen when the session ran out: nothing on it is lost. */
function SessionExpiredDialog() {
  const { t } = useI18n();
  const { expired, info } = useSession();
  return (
    <Modal open={expired} title={t('login.expiredTitle')} footer={null} closable={false} maskClosable={false} keyboard={false} destroyOnClose>
      <Typography.Paragraph>{t('login.expiredText')}</Typography.Paragraph>
      <LoginForm username={info?.username} />
    </Modal>
  );
}

function Themed({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  return (
    <ConfigProvider locale={LOCALES[language].antd} theme={THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

// antd's secondary texts (menu group titles, Typography type="secondary", descriptions) are 45 %
// black by default, 3.4:1 on white; 60 % black is 5.7:1, above WCAG AA's 4.5:1 for body text. Links
// take the primary blue (5.2:1) instead of antd's lighter #1677ff (4.1:1), danger texts red-7 (5.6:1).
const THEME = {
  token: { colorPrimary: '#1668dc', colorLink: '#1668dc', colorError: '#cf1322', borderRadius: 6, colorTextDescription: 'rgba(0, 0, 0, 0.6)', colorTextTertiary: 'rgba(0, 0, 0, 0.6)' },
};

export default function App() {
  return (
    <I18nProvider>
      <Themed>
        <SessionProvider>
          <BrowserRouter>
            <SessionExpiredDialog />
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route element={<RequireSession />}>
                <Route index element={<Home />} />
                <Route path="/w/:ws">
                  <Route index element={<Navigate to="channels" replace />} />
                  <Route path="channels" element={<ChannelsPage />} />
                  <Route path="compose" element={<ComposePage />} />
                  <Route path="compose/:postId" element={<ComposePage />} />
                  <Route path="posts" element={<PostsPage />} />
                  <Route path="calendar" element={<CalendarPage />} />
                  <Route path="media" element={<MediaPage />} />
                  <Route path="campaigns" element={<CampaignsPage />} />
                  <Route path="campaigns/:campaignId" element={<CampaignPage />} />
                  <Route path="approvals" element={<ApprovalsPage />} />
                  <Route path="approval-policy" element={<ApprovalPolicyPage />} />
                  <Route path="members" element={<MembersPage />} />
                  <Route path="tokens" element={<TokensPage />} />
                  <Route path="audit" element={<AuditPage />} />
                  <Route path="*" element={<NotFound />} />
                </Route>
                <Route path="/admin/users" element={<UsersPage />} />
                <Route path="/admin/audit" element={<AuditPage global />} />
                <Route path="/plugins" element={<PluginsPage />} />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </SessionProvider>
      </Themed>
    </I18nProvider>
  );
}
